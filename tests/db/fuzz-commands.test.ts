import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unchangedState } from '@/tests/support/unchanged-state';
import { tableFingerprint, type TablePart } from '@/tests/support/table-fingerprint';
import type { Actor } from '@/server/auth/actor';
import { createCheckpointCommand, deleteCheckpointCommand, updateCheckpointCommand } from '@/server/checkpoints/commands';
import {
  bulkMilestoneCommand, createMilestoneCommand, deleteMilestoneCommand, moveMilestoneCommand, restoreMilestoneCommand, updateMilestoneCommand,
} from '@/server/milestones/commands';
import { rolloutGatesCommand, updateRolloutCommand } from '@/server/rollouts/commands';
import { createOrganizationCommand, deleteOrganizationCommand, updateOrganizationCommand } from '@/server/organizations/commands';
import { addPartnershipRegionCommand, createRegionCommand, removePartnershipRegionCommand, updateRegionCommand } from '@/server/regions/commands';
import { createPartnershipCommand, moveStageCommand, updatePartnershipCommand } from '@/server/partnerships/commands';
import { recordReviewVisitCommand } from '@/server/dashboard/commands';
import { retryJobCommand } from '@/server/jobs/commands';
import { createWebhookCommand, deleteWebhookCommand, redeliverWebhookCommand, rotateWebhookSecretCommand, updateWebhookCommand } from '@/server/webhooks/commands';
import { createWebhookEndpoint } from '@/tests/factories/builders';
import { markAllReadCommand, markReadCommand, watchCommand } from '@/server/notifications/commands';
import { createSubscriptionCommand, deleteSubscriptionCommand, sendSubscriptionNowCommand } from '@/server/subscriptions/commands';
import { createNoteCommand, deleteNoteCommand, editNoteCommand } from '@/server/notes/commands';
import { createNote } from '@/server/notes/mutations';
import { createViewCommand, deleteViewCommand, updateViewCommand } from '@/server/views/commands';
import { createView } from '@/server/views/mutations';
import { saveTargetsCommand } from '@/server/targets/commands';
import { updateConfidentialAccessCommand, updateMetricPoliciesCommand } from '@/server/metric-policies/commands';
import { updateFieldPoliciesCommand } from '@/server/field-policies/commands';
import { updateSignInPolicyCommand } from '@/server/sso/commands';
import { createTokenCommand, revokeTokenCommand } from '@/server/tokens/commands';
import { approveCommand, rejectCommand, withdrawCommand } from '@/server/approvals/commands';
import { changeRoleCommand, createUserCommand, deactivateUserCommand, reactivateUserCommand, resetPasswordCommand } from '@/server/users/commands';
import { changeOwnPasswordCommand, renameSelfCommand, signOutOtherSessionsCommand, signOutSessionCommand } from '@/server/profile/commands';
import { deactivatePartnerCommand, invitePartnerCommand, reactivatePartnerCommand, revokeInvitationCommand } from '@/server/invitations/commands';
import { invitePartner } from '@/server/invitations/mutations';
import { createUser } from '@/tests/factories/builders';

import { actorsByRole } from '@/tests/support/actors';
import { hostileRecord } from '@/tests/support/hostile';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
let actors: Awaited<ReturnType<typeof actorsByRole>>;
let ids: { notes: string[]; milestones: string[]; checkpoints: string[]; rollouts: string[]; users: string[]; tokens: string[]; slugs: string[]; partnershipIds: string[]; organizations: string[]; regions: string[]; regionCodes: string[] };

beforeAll(async () => {
  t = await openDemoDatabase('2026-11-23');
  actors = await actorsByRole(t.db);
  const token = await createTokenCommand(actors.ANALYST, { name: 'fuzz' });
  const deal = (await t.db.partnership.findFirstOrThrow({ select: { id: true } })).id;
  // Notes the edit and delete cases can aim at: one of the analyst's own, one of someone else's.
  const own = await createNote(actors.ANALYST, { subjectType: 'partnership', subjectId: deal, body: 'The analyst’s note.' });
  const theirs = await createNote(actors.BUSINESS_DEVELOPMENT, { subjectType: 'partnership', subjectId: deal, body: 'Someone else’s note.' });
  ids = {
    notes: [own.id, theirs.id],
    milestones: (await t.db.milestone.findMany({ select: { id: true } })).map((x) => x.id),
    checkpoints: (await t.db.regulatoryCheckpoint.findMany({ select: { id: true } })).map((x) => x.id),
    rollouts: (await t.db.rollout.findMany({ select: { id: true } })).map((x) => x.id),
    users: (await t.db.user.findMany({ select: { id: true } })).map((x) => x.id),
    tokens: token.status === 'success' && token.data ? [token.data.id] : [],
    slugs: (await t.db.partnership.findMany({ select: { slug: true } })).map((x) => x.slug),
    partnershipIds: (await t.db.partnership.findMany({ select: { id: true } })).map((x) => x.id),
    organizations: (await t.db.organization.findMany({ select: { id: true } })).map((x) => x.id),
    regions: (await t.db.region.findMany({ select: { id: true } })).map((x) => String(x.id)),
    regionCodes: (await t.db.region.findMany({ select: { code: true } })).map((x) => x.code),
  };
});
afterAll(() => t?.close());

// Saved views the update and delete cases can aim at: the analyst's own, someone else's shared and personal ones.
let views: string[] = [];
beforeAll(async () => {
  const slug = (await t.db.partnership.findFirstOrThrow({ select: { slug: true } })).slug;
  views = [
    (await createView(actors.ANALYST, { name: 'The analyst’s view', kind: 'metrics', shared: false, query: `partnership=${slug}&granularity=week` })).id,
    (await createView(actors.BUSINESS_DEVELOPMENT, { name: 'A shared view', kind: 'portfolio', shared: true, query: 'stage=SIGNED' })).id,
    (await createView(actors.EXECUTIVE, { name: 'A personal view', kind: 'portfolio', shared: false, query: '' })).id,
  ];
});

// Webhooks the update, delete and redeliver cases can aim at (receivers at 127.0.0.1:9, where nothing listens), with a finished delivery.
let webhooks: string[] = [];
let deliveries: string[] = [];
beforeAll(async () => {
  const hooks = [await createWebhookEndpoint(t.db, { events: ['import'] }), await createWebhookEndpoint(t.db, { events: ['note'], active: false })];
  webhooks = hooks.map((h) => h.id);
  deliveries = [(await t.db.webhookDelivery.create({ data: { endpointId: hooks[0]!.id, event: 'metrics.imported', entityKey: 'Partnership:fuzz', payload: { id: '1' }, state: 'FAILED', attempts: 1 } })).id];
});

// Approval requests (issue 17) the decide and withdraw cases can aim at: launches asked for by business development.
let approvals: string[] = [];
beforeAll(async () => {
  const rollouts = await t.db.rollout.findMany({ where: { status: 'PLANNED' }, select: { id: true, partnershipId: true }, take: 2, orderBy: { id: 'asc' } });
  approvals = await Promise.all(rollouts.map(async (r) => (await t.db.approvalRequest.create({
    data: { kind: 'ROLLOUT_LIVE', partnershipId: r.partnershipId, rolloutId: r.id, input: { status: 'LIVE' }, requestedById: actors.BUSINESS_DEVELOPMENT.userId! },
  })).id));
});

// Partner users and invitations (issue 17): a pending invitation to revoke, a partner user to (de)activate.
let invitations: string[] = [];
let partners: string[] = [];
beforeAll(async () => {
  const organizationId = ids.organizations[0]!;
  invitations = [(await invitePartner(actors.BUSINESS_DEVELOPMENT, { email: 'fuzz-invitee@partner.example', name: 'Fuzz Invitee', organizationId })).id];
  partners = [(await createUser(t.db, { role: 'PARTNER', organizationId, email: 'fuzz-partner@partner.example' })).id];
});

/** Everything a command could write: row counts and versions of each editable table, and the audit trail. */
const FINGERPRINT: TablePart[] = [
  ['partnerships', `SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0)) FROM partnerships`],
  ['partnership_parties', `SELECT COUNT(*) FROM partnership_parties`],
  ['stage_changes', `SELECT COUNT(*) FROM stage_changes`],
  ['milestones', `SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0), ':', COUNT("deletedAt")) FROM milestones`],
  ['regulatory_checkpoints', `SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0)) FROM regulatory_checkpoints`],
  ['rollouts', `SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0)) FROM rollouts`],
  ['users', `SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0)) FROM users`],
  ['api_tokens', `SELECT concat(COUNT(*), ':', COUNT("revokedAt")) FROM api_tokens`],
  ['organizations', `SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0)) FROM organizations`],
  ['regions', `SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0)) FROM regions`],
  ['metric_targets', `SELECT concat(COUNT(*), ':', COALESCE(SUM(value), 0)) FROM metric_targets`],
  ['partnership_metric_policies', `SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0)) FROM partnership_metric_policies`],
  ['approval_requests', `SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0)) FROM approval_requests`],
  ['notes', `SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0)) FROM notes`],
  ['note_mentions', `SELECT COUNT(*) FROM note_mentions`],
  ['saved_views', `SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0)) FROM saved_views`],
  // A refused approval (422: a gate closed) tells its requester why, on purpose (decision 018).
  ['watches', `SELECT COUNT(*) FROM watches`],
  ['notifications', `SELECT concat(COUNT(*), ':', COUNT("readAt")) FROM notifications WHERE "dedupeKey" NOT LIKE 'approval-refused:%'`],
  ['subscriptions', `SELECT COUNT(*) FROM subscriptions`],
  ['outbox_mails', `SELECT COUNT(*) FROM outbox_mails`],
  ['webhook_endpoints', `SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0)) FROM webhook_endpoints`],
  ['webhook_deliveries', `SELECT concat(COUNT(*), ':', COALESCE(SUM(attempts), 0)) FROM webhook_deliveries`],
  ['webhook_attempts', `SELECT COUNT(*) FROM webhook_attempts`],
  ['invitations', `SELECT concat(COUNT(*), ':', COUNT("revokedAt"), ':', COUNT("acceptedAt")) FROM invitations`],
  ['audit_events', `SELECT COUNT(*) FROM audit_events`],
];
const state = unchangedState(() => fingerprint());
let fingerprint: () => Promise<string>;
beforeAll(async () => {
  fingerprint = await tableFingerprint(t.db, FINGERPRINT);
});

const some = (xs: () => string[]) => fc.constantFrom(...xs());
const version = fc.integer({ min: 1, max: 3 });

type Case = { name: string; command: (actor: Actor | null, raw: unknown) => Promise<{ status: string; code?: number; message?: string }>; who: () => Actor; fields: string[]; real: () => Record<string, fc.Arbitrary<unknown>> };

const CASES: Case[] = [
  { name: 'invite a partner user', command: invitePartnerCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['email', 'name', 'organizationId'], real: () => ({ organizationId: fc.constantFrom(...ids.organizations, 'no-such-organization'), email: fc.constantFrom('fuzz-invitee@partner.example', 'bd@accord.local', 'not an email', 'x@partner.example') }) },
  { name: 'revoke an invitation', command: revokeInvitationCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['invitationId'], real: () => ({ invitationId: some(() => invitations) }) },
  { name: 'deactivate a partner user', command: deactivatePartnerCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['userId', 'version'], real: () => ({ userId: some(() => [...partners, ...ids.users]), version }) },
  { name: 'reactivate a partner user', command: reactivatePartnerCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['userId', 'version'], real: () => ({ userId: some(() => [...partners, ...ids.users]), version }) },
  { name: 'update milestone', command: updateMilestoneCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['id', 'version', 'title', 'status', 'dueOn', 'ownerId', 'blockedReason', 'dependsOnIds', 'dependsOnIdsPresent'], real: () => ({ id: some(() => ids.milestones), version, ownerId: some(() => ids.users), dependsOnIds: fc.array(some(() => ids.milestones), { maxLength: 3 }) }) },
  { name: 'update checkpoint', command: updateCheckpointCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['id', 'version', 'status', 'decidedOn', 'conditions', 'evidenceExpiresOn', 'decisionDueOn', 'filedOn', 'risk', 'regulator', 'requirement', 'notes'], real: () => ({ id: some(() => ids.checkpoints), version }) },
  { name: 'update rollout', command: updateRolloutCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['id', 'version', 'status', 'plannedPilotOn', 'plannedLaunchOn', 'actualLaunchOn', 'notes'], real: () => ({ id: some(() => ids.rollouts), version, actualLaunchOn: fc.constantFrom('2014-10-20', '2099-01-01', '', '2014-02-30') }) },
  { name: 'create milestone', command: createMilestoneCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['partnershipSlug', 'title', 'dueOn', 'ownerId', 'dependsOnIds'], real: () => ({ partnershipSlug: some(() => ids.slugs), ownerId: some(() => ids.users) }) },
  { name: 'move milestone', command: moveMilestoneCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['id', 'version', 'direction'], real: () => ({ id: some(() => ids.milestones), version }) },
  { name: 'bulk milestones', command: bulkMilestoneCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['items', 'status', 'ownerId', 'dueOn', 'blockedReason'], real: () => ({ items: fc.array(fc.record({ id: some(() => ids.milestones), version }), { maxLength: 3 }) }) },
  { name: 'delete milestone', command: deleteMilestoneCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['id', 'version'], real: () => ({ id: some(() => ids.milestones), version }) },
  { name: 'restore milestone', command: restoreMilestoneCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['id', 'version'], real: () => ({ id: some(() => ids.milestones), version }) },
  { name: 'create checkpoint', command: createCheckpointCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['partnershipSlug', 'regulator', 'requirement', 'regionCode', 'risk', 'decisionDueOn', 'notes'], real: () => ({ partnershipSlug: some(() => ids.slugs) }) },
  { name: 'delete checkpoint', command: deleteCheckpointCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['id', 'version'], real: () => ({ id: some(() => ids.checkpoints), version }) },
  { name: 'rollout gates', command: rolloutGatesCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['id', 'version', 'checkpointIds', 'milestoneIds'], real: () => ({ id: some(() => ids.rollouts), version, checkpointIds: fc.array(some(() => ids.checkpoints), { maxLength: 2 }) }) },
  { name: 'save targets', command: saveTargetsCommand, who: () => actors.ANALYST, fields: ['partnershipSlug', 'target|US|cards_added|2027-01', 'seen|US|cards_added|2027-01', 'target|GB|transactions|2027-13', 'seen|GB|transactions|2027-13', 'target|\u0000|x|2027-01'], real: () => ({ partnershipSlug: some(() => ids.slugs), 'target|US|cards_added|2027-01': fc.constantFrom('100', '', '-1', '1.00001', '1e5', '1000000000000001'), 'seen|US|cards_added|2027-01': fc.constantFrom('', '100', 'abc') }) },
  { name: 'metric sharing', command: updateMetricPoliciesCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['partnership', 'metrics', 'version:payment_volume', 'shared:payment_volume', 'confidential:payment_volume', 'version:cards_added', 'confidential:cards_added'], real: () => ({ partnership: some(() => ids.slugs), metrics: fc.constantFrom('payment_volume', 'payment_volume,cards_added', 'cards_lost', ''), 'version:payment_volume': fc.constantFrom('0', '1', '-1', 'x'), 'shared:payment_volume': fc.constantFrom('on', '') }) },
  { name: 'confidential fields', command: updateFieldPoliciesCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['partnership', 'version:summary', 'confidential:summary', 'version:targets', 'confidential:targets', 'version:name'], real: () => ({ partnership: some(() => ids.slugs), 'version:summary': fc.constantFrom('0', '1', '-1', 'x'), 'confidential:summary': fc.constantFrom('on', '', 'true') }) },
  { name: 'sign-in settings', command: updateSignInPolicyCommand, who: () => actors.ADMIN, fields: ['newUserRole', 'passwordOffDomains', 'version'], real: () => ({ newUserRole: fc.constantFrom('REFUSE', 'ANALYST', 'PARTNER', 'ADMIN', ''), passwordOffDomains: fc.constantFrom('example.com', 'a.example\nb.example', '@x.test, y.test', 'not a domain', '', '-bad-.test'), version: fc.constantFrom('0', '1', '2', 'x', '-1') }) },
  { name: 'confidential figures', command: updateConfidentialAccessCommand, who: () => actors.ADMIN, fields: ['allowed:ANALYST', 'allowed:EXECUTIVE', 'allowed:PARTNER'], real: () => ({ 'allowed:ANALYST': fc.constantFrom('on', '', 'true') }) },
  { name: 'create token', command: createTokenCommand, who: () => actors.ANALYST, fields: ['name', 'readOnly', 'expiresInDays'], real: () => ({}) },
  { name: 'revoke token', command: revokeTokenCommand, who: () => actors.ANALYST, fields: ['tokenId'], real: () => ({ tokenId: some(() => ids.tokens) }) },
  { name: 'create user', command: createUserCommand, who: () => actors.ADMIN, fields: ['email', 'name', 'role'], real: () => ({}) },
  { name: 'change role', command: changeRoleCommand, who: () => actors.ADMIN, fields: ['userId', 'role', 'version'], real: () => ({ userId: some(() => ids.users), version }) },
  { name: 'deactivate user', command: deactivateUserCommand, who: () => actors.ADMIN, fields: ['userId', 'version'], real: () => ({ userId: some(() => ids.users), version }) },
  { name: 'create organization', command: createOrganizationCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['name', 'kind', 'country', 'website'], real: () => ({ kind: fc.constantFrom('BANK', 'OTHER'), country: fc.constantFrom('HK', 'us', '') }) },
  { name: 'update organization', command: updateOrganizationCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['id', 'version', 'name', 'kind', 'country', 'website'], real: () => ({ id: some(() => ids.organizations), version }) },
  { name: 'delete organization', command: deleteOrganizationCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['id', 'version'], real: () => ({ id: some(() => ids.organizations), version }) },
  { name: 'create region', command: createRegionCommand, who: () => actors.ADMIN, fields: ['code', 'name', 'timeZone'], real: () => ({ code: fc.constantFrom('HK', 'fr', 'ZZ'), timeZone: fc.constantFrom('Asia/Hong_Kong', 'UTC', 'Mars/Olympus') }) },
  { name: 'update region', command: updateRegionCommand, who: () => actors.ADMIN, fields: ['id', 'version', 'code', 'name', 'timeZone'], real: () => ({ id: some(() => ids.regions), version, timeZone: fc.constantFrom('Asia/Tokyo', 'UTC') }) },
  { name: 'add partnership region', command: addPartnershipRegionCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['slug', 'region', 'plannedLaunchOn'], real: () => ({ slug: some(() => ids.slugs), region: some(() => ids.regionCodes) }) },
  { name: 'remove partnership region', command: removePartnershipRegionCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['slug', 'region', 'version'], real: () => ({ slug: some(() => ids.slugs), region: some(() => ids.regionCodes), version }) },
  { name: 'reset password', command: resetPasswordCommand, who: () => actors.ADMIN, fields: ['userId', 'version'], real: () => ({ userId: some(() => ids.users), version }) },
  { name: 'retry a failed job', command: retryJobCommand, who: () => actors.ADMIN, fields: ['jobId'], real: () => ({}) },
  { name: 'rename self', command: renameSelfCommand, who: () => actors.ANALYST, fields: ['name'], real: () => ({}) },
  { name: 'change own password', command: changeOwnPasswordCommand, who: () => actors.ANALYST, fields: ['currentPassword', 'newPassword', 'confirmPassword'], real: () => ({ currentPassword: fc.constantFrom('accord-demo', 'wrong password here') }) },
  { name: 'sign out other sessions', command: signOutOtherSessionsCommand, who: () => actors.EXECUTIVE, fields: [], real: () => ({}) },
  { name: 'sign out a session', command: signOutSessionCommand, who: () => actors.EXECUTIVE, fields: ['sessionId'], real: () => ({}) },
  { name: 'reactivate user', command: reactivateUserCommand, who: () => actors.ADMIN, fields: ['userId', 'version'], real: () => ({ userId: some(() => ids.users), version }) },
  { name: 'create partnership', command: createPartnershipCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['name', 'slug', 'summary', 'ownerEmail', 'stage', 'openedOn', 'targetSignOn', 'targetLaunchOn', 'signedOn', 'partyOrganization', 'partyRole', 'template'], real: () => ({ template: some(() => ids.slugs), openedOn: fc.constant('2024-01-01') }) },
  { name: 'edit partnership', command: updatePartnershipCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['slug', 'version', 'name', 'summary', 'ownerEmail', 'openedOn', 'targetSignOn', 'targetLaunchOn', 'signedOn', 'partyOrganization', 'partyRole'], real: () => ({ slug: some(() => ids.slugs), version }) },
  { name: 'record a review visit', command: recordReviewVisitCommand, who: () => actors.EXECUTIVE, fields: ['partnershipId'], real: () => ({ partnershipId: some(() => ids.partnershipIds) }) },
  { name: 'write a note', command: createNoteCommand, who: () => actors.ANALYST, fields: ['subjectType', 'subjectId', 'body'], real: () => ({ subjectType: fc.constantFrom('partnership', 'milestone', 'checkpoint', 'rollout', 'deal'), subjectId: some(() => [...ids.partnershipIds, ...ids.milestones, ...ids.checkpoints, ...ids.rollouts]), body: fc.constantFrom('ok @executive@accord.local', '@nobody@nowhere.example hi', '', 'x'.repeat(10_001)) }) },
  { name: 'edit a note', command: editNoteCommand, who: () => actors.ANALYST, fields: ['id', 'version', 'body'], real: () => ({ id: some(() => ids.notes), version }) },
  { name: 'delete a note', command: deleteNoteCommand, who: () => actors.ANALYST, fields: ['id'], real: () => ({ id: some(() => ids.notes) }) },
  { name: 'save a view', command: createViewCommand, who: () => actors.ANALYST, fields: ['name', 'kind', 'shared', 'query'], real: () => ({ kind: fc.constantFrom('metrics', 'portfolio', 'dashboard'), shared: fc.constantFrom('on', 'true', 'maybe', ''), query: fc.constantFrom('stage=SIGNED&page=2', `partnership=${ids.slugs[0]}&metric=cards_added`, 'partnership=no-such-deal', 'partnership=%00', '?view=board', 'x=%E0%A4%A') }) },
  { name: 'change a view', command: updateViewCommand, who: () => actors.ANALYST, fields: ['form', 'id', 'version', 'name', 'shared', 'query', 'useCurrent', 'currentQuery'], real: () => ({ form: fc.constantFrom('edit', 'other'), id: some(() => views), version, shared: fc.constantFrom('on', 'off', 'maybe'), useCurrent: fc.constantFrom('on', ''), currentQuery: fc.constantFrom('granularity=month', 'partnership=no-such-deal', 'health=watch') }) },
  { name: 'delete a view', command: deleteViewCommand, who: () => actors.ANALYST, fields: ['id'], real: () => ({ id: some(() => views) }) },
  { name: 'mark a notification read', command: markReadCommand, who: () => actors.EXECUTIVE, fields: ['id', 'read'], real: () => ({ read: fc.constantFrom('true', 'false', 'maybe', '') }) },
  { name: 'mark all notifications read', command: markAllReadCommand, who: () => actors.EXECUTIVE, fields: [], real: () => ({}) },
  { name: 'watch or unwatch', command: watchCommand, who: () => actors.ANALYST, fields: ['subjectType', 'subjectId', 'watching'], real: () => ({ subjectType: fc.constantFrom('partnership', 'milestone', 'checkpoint', 'rollout', 'deal'), subjectId: some(() => [...ids.partnershipIds, ...ids.milestones, ...ids.checkpoints]), watching: fc.constantFrom('on', 'off', 'yes') }) },
  { name: 'subscribe to mail', command: createSubscriptionCommand, who: () => actors.ANALYST, fields: ['kind', 'cadence', 'day', 'localTime', 'timeZone', 'partnership', 'savedViewId', 'format'], real: () => ({ kind: fc.constantFrom('digest', 'export', 'DIGEST', 'fax'), cadence: fc.constantFrom('daily', 'weekly', 'monthly', 'hourly'), day: fc.constantFrom('1', '7', '28', '29', '-1', 'x'), localTime: fc.constantFrom('08:00', '24:00', '7:5', ''), timeZone: fc.constantFrom('Europe/London', 'Mars/Olympus', ''), partnership: some(() => ids.slugs) }) },
  { name: 'remove a mail subscription', command: deleteSubscriptionCommand, who: () => actors.ANALYST, fields: ['id'], real: () => ({}) },
  { name: 'send a mail subscription now', command: sendSubscriptionNowCommand, who: () => actors.ANALYST, fields: ['id'], real: () => ({}) },
  { name: 'register a webhook', command: createWebhookCommand, who: () => actors.ADMIN, fields: ['url', 'description', 'events', 'allowPrivate'], real: () => ({ url: fc.constantFrom('http://127.0.0.1:9/fuzz', 'http://localhost:9/', 'https://hooks.invalid/accord', 'https://10.0.0.1/', 'https://[::ffff:169.254.169.254]/', 'ftp://127.0.0.1/', 'https://u:p@127.0.0.1/', 'http://example.com/'), events: fc.constantFrom(['milestone'], 'note', 'checkpoint,stage', ['milestone', 'weather'], []), allowPrivate: fc.constantFrom('on', 'true', '', 'maybe') }) },
  { name: 'change a webhook', command: updateWebhookCommand, who: () => actors.ADMIN, fields: ['form', 'id', 'version', 'url', 'description', 'events', 'allowPrivate', 'active'], real: () => ({ form: fc.constantFrom('edit', 'other'), id: some(() => webhooks), version, url: fc.constantFrom('http://127.0.0.1:9/changed', 'https://10.0.0.1/'), events: fc.constantFrom(['import'], 'note', []), allowPrivate: fc.constantFrom('on', 'off', 'maybe'), active: fc.constantFrom('on', 'off', 'maybe') }) },
  { name: 'replace a webhook secret', command: rotateWebhookSecretCommand, who: () => actors.ADMIN, fields: ['id'], real: () => ({ id: some(() => webhooks) }) },
  { name: 'delete a webhook', command: deleteWebhookCommand, who: () => actors.ADMIN, fields: ['id'], real: () => ({}) },
  { name: 'redeliver a webhook delivery', command: redeliverWebhookCommand, who: () => actors.ADMIN, fields: ['id', 'deliveryId'], real: () => ({ id: some(() => webhooks), deliveryId: some(() => deliveries) }) },
  { name: 'approve a request', command: approveCommand, who: () => actors.EXECUTIVE, fields: ['id', 'version', 'comment', 'decision'], real: () => ({ id: some(() => approvals), version: fc.constantFrom('1', '2', '0', 'x'), comment: fc.constantFrom('Go ahead.', '', 'x'.repeat(2_001)) }) },
  { name: 'reject a request', command: rejectCommand, who: () => actors.ADMIN, fields: ['id', 'version', 'comment'], real: () => ({ id: some(() => approvals), version: fc.constantFrom('1', '2'), comment: fc.constantFrom('Not yet.', '', '   ') }) },
  { name: 'withdraw a request', command: withdrawCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['id', 'version'], real: () => ({ id: some(() => approvals), version: fc.constantFrom('1', '2', '-1') }) },
  { name: 'move stage', command: moveStageCommand, who: () => actors.BUSINESS_DEVELOPMENT, fields: ['slug', 'version', 'to', 'reason', 'signedOn', 'movedOn'], real: () => ({ slug: some(() => ids.slugs), version }) },
];

// Every command exported by a server/**/commands.ts on disk is fuzzed: a command added tomorrow fails here first.
const COMMAND_MODULES = import.meta.glob<Record<string, unknown>>('../../server/**/commands.ts', { eager: true });
it('fuzzes every command on disk', () => {
  const missing = Object.entries(COMMAND_MODULES).flatMap(([file, mod]) =>
    Object.entries(mod).filter(([name, value]) => name.endsWith('Command') && typeof value === 'function' && !CASES.some((c) => c.command === value)).map(([name]) => `${name} (${file})`),
  );
  expect(Object.keys(COMMAND_MODULES).length).toBeGreaterThan(5);
  expect(missing).toEqual([]);
});

describe('hostile input to every server action: a clear 4xx, never a 500, never a partial write', () => {
  for (const c of CASES) {
    it(c.name, async () => {
      state.reset();
      await fc.assert(
        fc.asyncProperty(hostileRecord(c.fields, c.real()), async (raw) => {
          const before = await state.before();
          const result = await c.command(c.who(), raw);
          if (result.status === 'success') return;
          expect(result.code, `${c.name}: ${result.message}`).toBeGreaterThanOrEqual(400);
          expect(result.code, `${c.name}: ${result.message}`).toBeLessThan(500);
          expect(result.message).toMatch(/\w/);
          expect(result.message).not.toMatch(/prisma|\n\s+at |invalid input syntax|violates|undefined|\[object/i);
          expect(await state.afterRefusal()).toBe(before);
        }),
        { numRuns: 40, seed: 8_2026 },
      );
    });
  }
});
