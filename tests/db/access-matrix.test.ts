import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '@/lib/domain';
import { roleCan, type Permission } from '@/lib/permissions';
import { userActor, type Actor } from '@/server/auth/actor';
import { retryJobCommand } from '@/server/jobs/commands';
import { createWebhookCommand, deleteWebhookCommand, redeliverWebhookCommand, rotateWebhookSecretCommand, updateWebhookCommand } from '@/server/webhooks/commands';
import { markAllReadCommand, watchCommand } from '@/server/notifications/commands';
import { createSubscriptionCommand } from '@/server/subscriptions/commands';
import { createNoteCommand, deleteNoteCommand } from '@/server/notes/commands';
import { createNote } from '@/server/notes/mutations';
import { createViewCommand, deleteViewCommand, updateViewCommand } from '@/server/views/commands';
import { createView } from '@/server/views/mutations';
import { createTokenCommand, revokeTokenCommand } from '@/server/tokens/commands';
import { createApiToken } from '@/server/tokens/mutations';
import { changeRoleCommand, createUserCommand, deactivateUserCommand, reactivateUserCommand, resetPasswordCommand } from '@/server/users/commands';
import { changeOwnPasswordCommand, renameSelfCommand, signOutOtherSessionsCommand, signOutSessionCommand } from '@/server/profile/commands';
import { deactivatePartnerCommand, invitePartnerCommand, reactivatePartnerCommand, revokeInvitationCommand } from '@/server/invitations/commands';
import { invitePartner } from '@/server/invitations/mutations';
import { hashPassword } from '@/server/auth/password';
import { deleteCheckpointCommand, updateCheckpointCommand } from '@/server/checkpoints/commands';
import { updateMilestoneCommand } from '@/server/milestones/commands';
import { updateRolloutCommand } from '@/server/rollouts/commands';
import { approveCommand, rejectCommand, withdrawCommand } from '@/server/approvals/commands';
import { moveStageCommand } from '@/server/partnerships/commands';
import * as approveRoute from '@/app/api/v1/approvals/[id]/approve/route';
import { createOrganizationCommand, deleteOrganizationCommand, updateOrganizationCommand } from '@/server/organizations/commands';
import { addPartnershipRegionCommand, createRegionCommand, removePartnershipRegionCommand, updateRegionCommand } from '@/server/regions/commands';
import { createCheckpoint, createMilestone, createOrganization, createPartnership, createRollout, createUser, createWebhookEndpoint, ensureMetrics, ensureRegion } from '@/tests/factories/builders';
import { saveTargetsCommand } from '@/server/targets/commands';
import { updateConfidentialAccessCommand, updateMetricPoliciesCommand } from '@/server/metric-policies/commands';
import { updateFieldPoliciesCommand } from '@/server/field-policies/commands';
import { updateSignInPolicyCommand } from '@/server/sso/commands';
import { findSignInPolicy } from '@/server/sso/policy';
import { actorFromBearer } from '@/server/tokens/authenticate';
import { getContent, pdf, uploadToCheckpoint, uploadToPartnership } from '@/tests/support/documents';
import { actorsByRole } from '@/tests/support/actors';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
let actors: Record<Role, Actor>;
beforeAll(async () => {
  t = await openTestDatabase();
  actors = await actorsByRole(t.db);
});
afterAll(() => t?.close());

async function snapshot() {
  const [row] = await t.db.$queryRaw<Record<string, bigint>[]>`
    SELECT (SELECT COUNT(*) FROM users) AS users, (SELECT COALESCE(SUM(version), 0) FROM users) AS user_versions,
           (SELECT COUNT(*) FROM api_tokens) AS tokens, (SELECT COUNT(*) FROM api_tokens WHERE "revokedAt" IS NOT NULL) AS revoked,
           (SELECT COUNT(*) FROM audit_events) AS audit,
           (SELECT COUNT(*) FROM organizations) + (SELECT COALESCE(SUM(version), 0) FROM organizations) AS organizations,
           (SELECT COUNT(*) FROM regions) + (SELECT COALESCE(SUM(version), 0) FROM regions) AS regions,
           (SELECT COUNT(*) FROM rollouts) AS rollouts,
           (SELECT COALESCE(SUM(version), 0) FROM milestones) + (SELECT COALESCE(SUM(version), 0) FROM regulatory_checkpoints)
             + (SELECT COALESCE(SUM(version), 0) FROM rollouts) AS deal_versions,
           (SELECT COUNT(*) FROM metric_targets) AS targets,
           (SELECT COUNT(*) + COALESCE(SUM(version), 0) FROM notes) AS notes,
           (SELECT COUNT(*) + COALESCE(SUM(version), 0) FROM saved_views) AS saved_views,
           (SELECT COUNT(*) FROM watches) + (SELECT COUNT("readAt") FROM notifications) AS inbox,
           (SELECT COUNT(*) FROM subscriptions) AS subscriptions,
           (SELECT COUNT(*) + COALESCE(SUM(version), 0) FROM webhook_endpoints) + (SELECT COALESCE(SUM(attempts), 0) FROM webhook_deliveries)
             + (SELECT COUNT(*) FROM webhook_attempts) AS webhooks,
           (SELECT COUNT(*) FROM documents) + (SELECT COUNT(*) FROM document_chunks) AS documents,
           (SELECT COUNT(*) + COUNT("revokedAt") + COUNT("acceptedAt") FROM invitations) AS invitations,
           (SELECT COUNT(*) + COALESCE(SUM(version), 0) FROM approval_requests) AS approvals`;
  return row!;
}

type Run = () => Promise<{ status: string; code?: number }>;
// setup() creates whatever the command needs (a target user, a token) and returns the command.
// `audits`: the audit rows an allowed run writes (1 unless said; a download writes none).
type Case = { name: string; permission: Permission; audits?: bigint; setup: (actor: Actor) => Promise<Run> };

const operator: Actor = { kind: 'operator', userId: null, role: null, label: 'test operator' };
let n = 0;
let added = 0;
let removed = 0;
const letter = (k: number) => String.fromCharCode(65 + (k % 26));
const CASES: Case[] = [
  {
    name: 'write a note on a milestone', permission: 'notes.write',
    setup: async (actor) => {
      const m = await createMilestone(t.db, { partnershipId: await deal() });
      return () => createNoteCommand(actor, { subjectType: 'milestone', subjectId: m.id, body: `Matrix note ${++n}` });
    },
  },
  {
    name: 'delete another person’s note', permission: 'notes.moderate',
    setup: async (actor) => {
      const author = await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' });
      const note = await createNote(userActor(author), { subjectType: 'partnership', subjectId: await deal(), body: `Someone else’s note ${++n}` });
      return () => deleteNoteCommand(actor, { id: note.id });
    },
  },
  {
    name: 'save a shared view of the portfolio', permission: 'views.save',
    setup: async (actor) => () => createViewCommand(actor, { name: `Matrix view ${++n}`, kind: 'portfolio', shared: 'on', query: 'stage=SIGNED&page=2' }),
  },
  {
    name: 'rename one’s own saved view', permission: 'views.save',
    setup: async (actor) => {
      const view = await createView(actor, { name: `Matrix rename ${++n}`, kind: 'portfolio', shared: false, query: '' });
      return () => updateViewCommand(actor, { id: view.id, version: '1', name: `Renamed view ${n}` });
    },
  },
  {
    name: 'delete another person’s shared view', permission: 'views.moderate',
    setup: async (actor) => {
      const owner = await createUser(t.db, { role: 'ANALYST' });
      const view = await createView(userActor(owner), { name: `Someone else’s view ${++n}`, kind: 'portfolio', shared: true, query: '' });
      return () => deleteViewCommand(actor, { id: view.id });
    },
  },
  {
    name: 'watch a milestone', permission: 'inbox.update',
    setup: async (actor) => {
      const m = await createMilestone(t.db, { partnershipId: await deal() });
      return () => watchCommand(actor, { subjectType: 'milestone', subjectId: m.id, watching: 'on' });
    },
  },
  {
    name: 'mark one’s notifications read', permission: 'inbox.update', audits: 0n,
    setup: async (actor) => {
      if (actor.userId) await t.db.notification.create({ data: { userId: actor.userId, reason: 'WATCHED', title: 'Matrix', href: '/', dedupeKey: `matrix:${++n}` } });
      return () => markAllReadCommand(actor, {});
    },
  },
  {
    name: 'subscribe to a weekly digest', permission: 'subscriptions.manage',
    setup: async (actor) => () => createSubscriptionCommand(actor, { kind: 'digest', cadence: 'weekly', day: '1', localTime: '08:00', timeZone: 'UTC' }),
  },
  // Webhooks (issue 16): the receivers are 127.0.0.1:9, where nothing listens (a redelivery fails fast, and is still one attempt).
  {
    name: 'register a webhook', permission: 'webhooks.manage',
    setup: async (actor) => () => createWebhookCommand(actor, { url: `http://127.0.0.1:9/matrix-${++n}`, events: ['milestone', 'note'], allowPrivate: 'on' }),
  },
  {
    name: 'disable a webhook', permission: 'webhooks.manage',
    setup: async (actor) => {
      const hook = await createWebhookEndpoint(t.db);
      return () => updateWebhookCommand(actor, { id: hook.id, version: '1', active: 'off' });
    },
  },
  {
    name: 'replace a webhook’s signing secret', permission: 'webhooks.manage',
    setup: async (actor) => {
      const hook = await createWebhookEndpoint(t.db);
      return () => rotateWebhookSecretCommand(actor, { id: hook.id });
    },
  },
  {
    name: 'delete a webhook', permission: 'webhooks.manage',
    setup: async (actor) => {
      const hook = await createWebhookEndpoint(t.db, { active: false });
      return () => deleteWebhookCommand(actor, { id: hook.id });
    },
  },
  {
    name: 'redeliver a webhook delivery', permission: 'webhooks.manage',
    setup: async (actor) => {
      const hook = await createWebhookEndpoint(t.db, { events: ['import'] });
      const delivery = await t.db.webhookDelivery.create({
        data: { endpointId: hook.id, event: 'milestone.updated', entityKey: 'Milestone:matrix', payload: { id: '1', event: 'milestone.updated' }, state: 'FAILED', attempts: 1 },
      });
      return () => redeliverWebhookCommand(actor, { id: hook.id, deliveryId: delivery.id });
    },
  },
  {
    name: 'retry a failed background job', permission: 'jobs.manage',
    setup: async (actor) => {
      const job = await t.db.job.create({ data: { kind: 'sessions.sweep', state: 'DEAD', attempts: 5, lastError: 'matrix' } });
      return () => retryJobCommand(actor, { jobId: job.id });
    },
  },
  // Partner users (issue 17): business development and administrators invite and deactivate them.
  {
    name: 'invite a partner user', permission: 'partners.invite',
    setup: async (actor) => {
      const organization = await createOrganization(t.db);
      return () => invitePartnerCommand(actor, { email: `invitee${++n}@partner.example`, name: 'Invited Person', organizationId: organization.id });
    },
  },
  {
    name: 'revoke an invitation', permission: 'partners.invite',
    setup: async (actor) => {
      const organization = await createOrganization(t.db);
      const invited = await invitePartner(operator, { email: `revoked${++n}@partner.example`, name: 'Invited Person', organizationId: organization.id });
      return () => revokeInvitationCommand(actor, { invitationId: invited.id });
    },
  },
  {
    name: 'deactivate a partner user', permission: 'partners.invite',
    setup: async (actor) => {
      const target = await createUser(t.db, { role: 'PARTNER', organizationId: (await createOrganization(t.db)).id });
      return () => deactivatePartnerCommand(actor, { userId: target.id, version: target.version });
    },
  },
  {
    name: 'reactivate a partner user', permission: 'partners.invite',
    setup: async (actor) => {
      const target = await createUser(t.db, { role: 'PARTNER', organizationId: (await createOrganization(t.db)).id });
      const off = await t.db.user.update({ where: { id: target.id }, data: { deactivatedAt: new Date(), version: { increment: 1 } } });
      return () => reactivatePartnerCommand(actor, { userId: off.id, version: off.version });
    },
  },
  {
    name: 'create a user', permission: 'users.manage',
    setup: async (actor) => () => createUserCommand(actor, { email: `new${++n}@example.test`, name: 'New Person', role: 'ANALYST' }),
  },
  {
    name: 'change a role', permission: 'users.manage',
    setup: async (actor) => {
      const target = await createUser(t.db, { role: 'ANALYST' });
      return () => changeRoleCommand(actor, { userId: target.id, role: 'EXECUTIVE', version: String(target.version) });
    },
  },
  {
    name: 'deactivate a user', permission: 'users.manage',
    setup: async (actor) => {
      const target = await createUser(t.db, { role: 'ANALYST' });
      return () => deactivateUserCommand(actor, { userId: target.id, version: target.version });
    },
  },
  {
    name: 'reactivate a user', permission: 'users.manage',
    setup: async (actor) => {
      const target = await createUser(t.db, { role: 'ANALYST' });
      const off = await t.db.user.update({ where: { id: target.id }, data: { deactivatedAt: new Date(), version: { increment: 1 } } });
      return () => reactivateUserCommand(actor, { userId: off.id, version: off.version });
    },
  },
  {
    name: "reset a person's password", permission: 'users.manage',
    setup: async (actor) => {
      const target = await createUser(t.db, { role: 'ANALYST' });
      return () => resetPasswordCommand(actor, { userId: target.id, version: target.version });
    },
  },
  {
    name: 'rename oneself', permission: 'profile.update',
    setup: async (actor) => () => renameSelfCommand(actor, { name: `Renamed ${++n}` }),
  },
  {
    name: 'change own password', permission: 'profile.password',
    setup: async (actor) => {
      await t.db.account.deleteMany({ where: { userId: actor.userId! } });
      await t.db.account.create({ data: { userId: actor.userId!, providerId: 'credential', accountId: actor.userId!, password: await matrixHash() } });
      return () => changeOwnPasswordCommand(actor, { currentPassword: MATRIX_PASSWORD, newPassword: 'another long password', confirmPassword: 'another long password' });
    },
  },
  {
    name: 'sign out other sessions', permission: 'profile.update',
    setup: async (actor) => () => signOutOtherSessionsCommand(actor, {}),
  },
  {
    name: 'sign out one own session', permission: 'profile.update',
    setup: async (actor) => {
      const s = await t.db.session.create({ data: { userId: actor.userId!, token: `matrix-${++n}`, expiresAt: new Date(Date.now() + 3_600_000) } });
      return () => signOutSessionCommand(actor, { sessionId: s.id });
    },
  },
  {
    name: 'create an API token', permission: 'tokens.manage',
    setup: async (actor) => () => createTokenCommand(actor, { name: 'script', readOnly: 'on', expiresInDays: '30' }),
  },
  {
    name: 'revoke own API token', permission: 'tokens.manage',
    setup: async (actor) => {
      const token = await createApiToken(operator, { ownerId: actor.userId!, name: 'old', readOnly: false });
      return () => revokeTokenCommand(actor, { tokenId: token.id });
    },
  },
  {
    name: 'update a milestone', permission: 'milestones.update',
    setup: async (actor) => {
      const m = await createMilestone(t.db, { partnershipId: await deal() });
      return () => updateMilestoneCommand(actor, { id: m.id, version: '1', status: 'IN_PROGRESS', dueOn: '2027-01-31' });
    },
  },
  {
    name: 'move a checkpoint', permission: 'checkpoints.update',
    setup: async (actor) => {
      const c = await createCheckpoint(t.db, { partnershipId: await deal(), status: 'NOT_STARTED' });
      return () => updateCheckpointCommand(actor, { id: c.id, version: '1', status: 'PREPARING' });
    },
  },
  {
    name: 'change a rollout', permission: 'rollouts.update',
    setup: async (actor) => {
      const region = await ensureRegion(t.db, { code: `M${++n}`, name: `Matrix ${n}`, timeZone: 'UTC' });
      const r = await createRollout(t.db, { partnershipId: await deal(), regionId: region.id });
      return () => updateRolloutCommand(actor, { id: r.id, version: '1', status: 'WITHDRAWN' });
    },
  },
  {
    name: 'rename a milestone', permission: 'milestones.update',
    setup: async (actor) => {
      const m = await createMilestone(t.db, { partnershipId: await deal(), title: `Before rename ${++n}` });
      return () => updateMilestoneCommand(actor, { id: m.id, version: '1', title: `After rename ${n}` });
    },
  },
  {
    name: 'delete a checkpoint', permission: 'checkpoints.update',
    setup: async (actor) => {
      const c = await createCheckpoint(t.db, { partnershipId: await deal(), regulator: `Matrix regulator ${++n}` });
      return () => deleteCheckpointCommand(actor, { id: c.id, version: '1' });
    },
  },
  {
    name: 'set a launch date', permission: 'rollouts.update',
    setup: async (actor) => {
      const region = await ensureRegion(t.db, { code: `L${++n}`, name: `Launched ${n}`, timeZone: 'UTC' });
      const r = await createRollout(t.db, { partnershipId: await deal(), regionId: region.id, status: 'LIVE', actualLaunchOn: '2026-01-05' });
      return () => updateRolloutCommand(actor, { id: r.id, version: '1', actualLaunchOn: '2026-01-02' });
    },
  },
  {
    name: 'add an organization', permission: 'organizations.manage',
    setup: async (actor) => () => createOrganizationCommand(actor, { name: `Matrix Org ${++n}`, kind: 'BANK', country: 'SG' }),
  },
  {
    name: 'edit an organization', permission: 'organizations.manage',
    setup: async (actor) => {
      const o = await createOrganization(t.db, { name: `Matrix Edit ${++n}` });
      return () => updateOrganizationCommand(actor, { id: o.id, version: '1', name: o.name, kind: 'MERCHANT' });
    },
  },
  {
    name: 'delete an organization', permission: 'organizations.manage',
    setup: async (actor) => {
      const o = await createOrganization(t.db, { name: `Matrix Delete ${++n}` });
      return () => deleteOrganizationCommand(actor, { id: o.id, version: '1' });
    },
  },
  {
    name: 'add a catalogue region', permission: 'regions.manage',
    setup: async (actor) => {
      const code = MATRIX_CODES[++n % MATRIX_CODES.length]!;
      await t.db.rollout.deleteMany({ where: { region: { code } } });
      await t.db.region.deleteMany({ where: { code } });
      return () => createRegionCommand(actor, { code, name: `Matrix ${code}`, timeZone: 'Europe/Paris' });
    },
  },
  {
    name: 'rename a catalogue region', permission: 'regions.manage',
    setup: async (actor) => {
      const region = await ensureRegion(t.db, { code: `N${++n}`, name: `Rename ${n}`, timeZone: 'UTC' });
      return () => updateRegionCommand(actor, { id: String(region.id), version: String(region.version), name: `Renamed ${n}` });
    },
  },
  {
    name: 'add a region to a partnership', permission: 'partnerships.regions',
    setup: async (actor) => {
      const region = await ensureRegion(t.db, { code: `Q${letter(++added)}`, name: `Add ${added}`, timeZone: 'UTC' }); // two letters, as the API takes
      const slug = (await t.db.partnership.findUniqueOrThrow({ where: { id: await deal() } })).slug;
      return () => addPartnershipRegionCommand(actor, { slug, region: region.code });
    },
  },
  {
    name: 'remove a region from a partnership', permission: 'partnerships.regions',
    setup: async (actor) => {
      const region = await ensureRegion(t.db, { code: `X${letter(++removed)}`, name: `Remove ${removed}`, timeZone: 'UTC' });
      const p = await t.db.partnership.findUniqueOrThrow({ where: { id: await deal() } });
      await createRollout(t.db, { partnershipId: p.id, regionId: region.id });
      return () => removePartnershipRegionCommand(actor, { slug: p.slug, region: region.code });
    },
  },
  {
    name: 'set a monthly target', permission: 'targets.update',
    setup: async (actor) => {
      await ensureMetrics(t.db);
      const region = await ensureRegion(t.db, { code: `T${++n}`, name: `Targets ${n}`, timeZone: 'UTC' });
      const p = await createPartnership(t.db, { ownerId: (await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' })).id });
      await createRollout(t.db, { partnershipId: p.id, regionId: region.id });
      const { slug } = await t.db.partnership.findUniqueOrThrow({ where: { id: p.id }, select: { slug: true } });
      return () => saveTargetsCommand(actor, { partnershipSlug: slug, [`target|${region.code}|cards_added|2027-01`]: '3100', [`seen|${region.code}|cards_added|2027-01`]: '' });
    },
  },
  // Who sees which metric (issue 17): a partnership's sharing, and the roles that see confidential figures.
  {
    name: 'change which metrics partners see', permission: 'partnerships.update',
    setup: async (actor) => {
      await ensureMetrics(t.db);
      const p = await createPartnership(t.db, { ownerId: (await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' })).id });
      const { slug } = await t.db.partnership.findUniqueOrThrow({ where: { id: p.id }, select: { slug: true } });
      return () => updateMetricPoliciesCommand(actor, { partnership: slug, metrics: 'payment_volume', 'version:payment_volume': '0', 'shared:payment_volume': 'on', 'confidential:payment_volume': 'on' });
    },
  },
  {
    name: 'change which fields are confidential', permission: 'partnerships.update',
    setup: async (actor) => {
      const p = await createPartnership(t.db, { ownerId: (await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' })).id });
      const { slug } = await t.db.partnership.findUniqueOrThrow({ where: { id: p.id }, select: { slug: true } });
      return () => updateFieldPoliciesCommand(actor, { partnership: slug, 'version:summary': '0', 'confidential:summary': 'on' });
    },
  },
  {
    name: 'change which roles see confidential figures', permission: 'users.manage',
    setup: async (actor) => {
      const analyst = await t.db.confidentialAccess.findUnique({ where: { role: 'ANALYST' } });
      const fields: Record<string, string> = { 'allowed:EXECUTIVE': 'on', 'allowed:BUSINESS_DEVELOPMENT': 'on', 'allowed:ADMIN': 'on' };
      if (analyst && !analyst.allowed) fields['allowed:ANALYST'] = 'on'; // flips it: every run changes something
      return () => updateConfidentialAccessCommand(actor, fields);
    },
  },
  // How people sign in (issue 18): who single sign-on creates, which domains must use it.
  {
    name: 'change how people sign in', permission: 'signin.manage',
    setup: async (actor) => {
      const { version, passwordOffDomains } = await findSignInPolicy(t.db);
      // A domain not yet listed: every allowed run changes something.
      const domains = [...passwordOffDomains, `matrix${++n}.example`].join('\n');
      return () => updateSignInPolicyCommand(actor, { newUserRole: 'REFUSE', passwordOffDomains: domains, version: String(version) });
    },
  },
  // Four-eyes approval (issue 17): asking goes through the move's own permission; deciding needs
  // approvals.decide; the requester withdraws with the permission that asked.
  {
    name: 'ask for a launch (a request, not the move)', permission: 'rollouts.update',
    setup: async (actor) => {
      const { rollout } = await pendingLaunch(null);
      return () => updateRolloutCommand(actor, { id: rollout.id, version: '1', status: 'LIVE' });
    },
  },
  {
    name: 'ask for a signing (a request, not the move)', permission: 'partnerships.stage',
    setup: async (actor) => {
      const p = await createPartnership(t.db, { ownerId: (await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' })).id, stage: 'NEGOTIATING', openedOn: '2024-01-01' });
      const { slug } = await t.db.partnership.findUniqueOrThrow({ where: { id: p.id }, select: { slug: true } });
      return () => moveStageCommand(actor, { slug, version: '1', to: 'SIGNED', signedOn: '2024-06-01' });
    },
  },
  {
    name: 'approve someone else’s launch (and make it)', permission: 'approvals.decide', audits: 2n,
    setup: async (actor) => {
      const { approval } = await pendingLaunch(await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' }));
      return () => approveCommand(actor, { id: approval!, version: '1', comment: 'Matrix approval' });
    },
  },
  {
    name: 'reject someone else’s launch', permission: 'approvals.decide',
    setup: async (actor) => {
      const { approval } = await pendingLaunch(await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' }));
      return () => rejectCommand(actor, { id: approval!, version: '1', comment: 'Matrix rejection' });
    },
  },
  {
    name: 'approve someone else’s launch over the API', permission: 'approvals.decide', audits: 2n,
    setup: async (actor) => {
      const { approval } = await pendingLaunch(await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' }));
      const token = await tokenOf(actor);
      return async () => outcome(await approveRoute.POST(new Request('http://accord.test/api', {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: '{}',
      }), { params: Promise.resolve({ id: approval! }) }));
    },
  },
  {
    name: 'withdraw one’s own signing request', permission: 'partnerships.stage',
    setup: async (actor) => {
      const p = await createPartnership(t.db, { ownerId: (await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' })).id, stage: 'NEGOTIATING', openedOn: '2024-01-01' });
      // Written directly: a role that may not ask still gets a request of its own to try.
      const request = await t.db.approvalRequest.create({ data: { kind: 'PARTNERSHIP_SIGNED', partnershipId: p.id, input: { to: 'SIGNED', signedOn: '2024-06-01' }, requestedById: actor.userId! } });
      return () => withdrawCommand(actor, { id: request.id, version: '1' });
    },
  },
  // Documents (issue 15) are API routes: called with a Request and the role's own token.
  {
    name: 'upload evidence to a checkpoint', permission: 'documents.upload',
    setup: async (actor) => {
      const c = await createCheckpoint(t.db, { partnershipId: await deal() });
      const token = await tokenOf(actor);
      return async () => outcome((await uploadToCheckpoint(token, c.id, pdf(1500, ++n), 'evidence.pdf')).response);
    },
  },
  {
    name: 'upload a partnership document', permission: 'documents.upload',
    setup: async (actor) => {
      const { slug } = await t.db.partnership.findUniqueOrThrow({ where: { id: await deal() }, select: { slug: true } });
      const token = await tokenOf(actor);
      return async () => outcome((await uploadToPartnership(token, slug, pdf(1500, ++n), 'contract.pdf')).response);
    },
  },
  {
    name: 'download a document', permission: 'partnerships.read', audits: 0n,
    setup: async (actor) => {
      const c = await createCheckpoint(t.db, { partnershipId: await deal() });
      const uploaded = await uploadToCheckpoint(await tokenOf(actors.BUSINESS_DEVELOPMENT), c.id, pdf(1500, ++n), 'to read.pdf');
      const token = await tokenOf(actor);
      return async () => {
        const response = await getContent(token, uploaded.body.id);
        await response.arrayBuffer();
        return outcome(response);
      };
    },
  },
];

// One token per person, used once here so that its "token used" audit row is not the case's.
const tokens = new Map<string, Promise<string>>();
function tokenOf(actor: Actor): Promise<string> {
  const key = actor.userId!;
  if (!tokens.has(key)) {
    tokens.set(key, (async () => {
      const { token } = await createApiToken(operator, { ownerId: key, name: 'matrix', readOnly: false });
      await actorFromBearer(`Bearer ${token}`, { method: 'GET', path: '/api/v1/me' });
      return token;
    })());
  }
  return tokens.get(key)!;
}
const outcome = (response: Response) => (response.ok ? { status: 'success' } : { status: 'error', code: response.status });

const MATRIX_PASSWORD = 'matrix password, long enough';
let matrixHashed: Promise<string> | null = null; // scrypt is slow on purpose: once per run
const matrixHash = () => (matrixHashed ??= hashPassword(MATRIX_PASSWORD));

// Real ISO codes for "add a catalogue region" (the schema checks the code names a country).
const MATRIX_CODES = ['FR', 'IT', 'ES', 'PT', 'NL', 'BE', 'AT', 'CH', 'SE', 'NO', 'DK', 'FI', 'IE', 'PL', 'CZ', 'HU'];

/** A planned region with no gates; with `requester`, a pending launch request of theirs. */
async function pendingLaunch(requester: { id: string } | null) {
  const region = await ensureRegion(t.db, { code: `W${++n}`, name: `Waiting ${n}`, timeZone: 'UTC' });
  const rollout = await createRollout(t.db, { partnershipId: await deal(), regionId: region.id });
  const approval = requester
    ? (await t.db.approvalRequest.create({ data: { kind: 'ROLLOUT_LIVE', partnershipId: rollout.partnershipId, rolloutId: rollout.id, input: { status: 'LIVE' }, requestedById: requester.id } })).id
    : null;
  return { rollout, approval };
}

let dealId: string | null = null;
async function deal() {
  dealId ??= (await createPartnership(t.db, { ownerId: (await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' })).id })).id;
  return dealId;
}

// What a partner user may do with their own account; every other command is about a deal, and the
// test's partner is party to none (issue 17).
const OWN_ACCOUNT: string[] = ['profile.update', 'profile.password', 'tokens.manage'];

describe('every command, as every role, on the server', () => {
  for (const c of CASES) {
    for (const role of ROLES) {
      const allowed = roleCan(role, c.permission);
      it(`${role} ${allowed ? 'can' : 'cannot'} ${c.name}${allowed ? `, with ${c.audits === 0n ? 'no audit row (a read)' : 'exactly one audit row'}` : ': refused, nothing written'}`, async () => {
        const command = await c.setup(actors[role]);
        const before = await snapshot();
        const result = await command();
        const after = await snapshot();
        if (role === 'PARTNER' && OWN_ACCOUNT.includes(c.permission)) {
          // One's own account (name, password, sessions, API tokens): partners too (issue 17).
          expect(result).toMatchObject({ status: 'success' });
          expect(after.audit! - before.audit!).toBe(c.audits ?? 1n);
        } else if (role === 'PARTNER') {
          // An outsider's partner user (tests/support/actors.ts): refused, or not found where the
          // command serves partners (issue 17); nothing written either way.
          expect(result).toMatchObject({ status: 'error' });
          expect([403, 404]).toContain((result as { code?: number }).code);
          expect(after).toEqual(before);
        } else if (allowed) {
          expect(result).toMatchObject({ status: 'success' });
          expect(after.audit! - before.audit!).toBe(c.audits ?? 1n);
        } else {
          expect(result).toMatchObject({ status: 'error', code: 403 });
          expect(after).toEqual(before);
        }
      });
    }
  }

  it('refuses a signed-out caller (no actor) with 401 and writes nothing', async () => {
    const before = await snapshot();
    const result = await createUserCommand(null, { email: 'x@example.test', name: 'X', role: 'ADMIN' });
    expect(result).toMatchObject({ status: 'error', code: 401 });
    expect(await snapshot()).toEqual(before);
  });

  it('checks the permission before reading the input: a forbidden caller learns nothing from validation', async () => {
    const result = await createUserCommand(actors.EXECUTIVE, { email: 'not an email' });
    expect(result).toMatchObject({ status: 'error', code: 403 });
  });

  it('answers bad input with per-field messages, keeps what was typed, and writes nothing', async () => {
    const before = await snapshot();
    const result = await createUserCommand(actors.ADMIN, { email: 'not-an-email', name: '', role: 'KING' });
    expect(result).toMatchObject({ status: 'error', code: 422, values: { email: 'not-an-email', role: 'KING' } });
    const fields = (result as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(Object.keys(fields).sort()).toEqual(['email', 'name', 'role']);
    expect(fields.email![0]).toMatch(/valid email/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a stale edit with 409, naming who changed the user, and keeps the newer value', async () => {
    const target = await createUser(t.db, { role: 'ANALYST' });
    const first = await changeRoleCommand(actors.ADMIN, { userId: target.id, role: 'EXECUTIVE', version: 1 });
    expect(first.status).toBe('success');
    const stale = await changeRoleCommand(actors.ADMIN, { userId: target.id, role: 'ADMIN', version: 1 });
    expect(stale).toMatchObject({ status: 'error', code: 409 });
    expect((stale as { message: string }).message).toContain(actors.ADMIN.label);
    expect((stale as { message: string }).message).toContain('role Analyst → Executive'); // what changed
    expect((await t.db.user.findUniqueOrThrow({ where: { id: target.id } })).role).toBe('EXECUTIVE');
  });

  it('deactivating a user ends their sessions in the same transaction', async () => {
    const target = await createUser(t.db, { role: 'EXECUTIVE' });
    await t.db.session.create({ data: { userId: target.id, token: `tok-${target.id}`, expiresAt: new Date(Date.now() + 3_600_000) } });
    const result = await deactivateUserCommand(actors.ADMIN, { userId: target.id, version: 1 });
    expect(result.status).toBe('success');
    expect(await t.db.session.count({ where: { userId: target.id } })).toBe(0);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: target.id, action: 'user.deactivated' } });
    expect(event.actorId).toBe(actors.ADMIN.userId);
    expect(event.context).toEqual({ sessionsEnded: 1 });
  });
});
