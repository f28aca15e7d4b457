import { APPROVAL_KIND_LABELS, APPROVAL_STATE_LABELS } from './approvals';
import { isIsoDay } from './dates';
import {
  CHECKPOINT_STATUS_LABELS, MILESTONE_STATUS_LABELS, ORGANIZATION_KIND_LABELS, RISK_LABELS, ROLE_LABELS, ROLLOUT_STATUS_LABELS, STAGE_LABELS,
} from './domain';
import { formatDay } from './format';
import { formatInstant } from './format-time';
import { WEBHOOK_EVENT_LABELS } from './webhook-events';

/**
 * Audit records in the reader's words (issue 13, finding 2): every action code, entity type,
 * field and enum value has a label here, so no screen prints `signin.succeeded`, `UNDER_REVIEW`
 * or `null`. tests/unit/audit-words.test.ts reads every recordAudit call on disk and fails when
 * a code has no label.
 */
export const ACTION_LABELS: Record<string, string> = {
  'user.created': 'Added a person',
  'user.provisioned': 'Added a person at their first single sign-on',
  'signin.policy-changed': 'Changed how people sign in',
  'user.role-changed': 'Changed a role',
  'user.deactivated': 'Deactivated a person',
  'job.retried': 'Retried a failed background job',
  'user.reactivated': 'Reactivated a person',
  'user.name-changed': 'Changed their name',
  'user.password-changed': 'Changed their password',
  'user.password-reset': 'Set a temporary password',
  'user.session-ended': 'Signed out a session',
  'user.sessions-ended': 'Signed out their other sessions',
  'signin.succeeded': 'Signed in',
  'signin.failed': 'Sign-in refused',
  'signin.throttled': 'Sign-in paused after repeated failures',
  'token.created': 'Created an API token',
  'token.revoked': 'Revoked an API token',
  'token.used': 'Used an API token',
  'metrics.exported': 'Exported metrics',
  'metrics.imported': 'Imported metrics',
  'targets.imported': 'Imported targets',
  'targets.updated': 'Changed targets',
  'metric_policy.changed': 'Changed who sees which metric',
  'confidential_access.changed': 'Changed who sees confidential figures',
  'field_policy.changed': 'Changed which fields are confidential',
  'partnership.created': 'Opened a partnership',
  'partnership.updated': 'Edited a partnership',
  'partnership.stage_moved': 'Moved the stage',
  'milestone.created': 'Added a milestone',
  'milestone.updated': 'Updated a milestone',
  'milestone.reordered': 'Moved a milestone in the plan',
  'milestone.deleted': 'Deleted a milestone',
  'milestone.restored': 'Restored a milestone',
  'checkpoint.created': 'Added a regulatory checkpoint',
  'checkpoint.updated': 'Updated a regulatory checkpoint',
  'checkpoint.deleted': 'Deleted a regulatory checkpoint',
  'rollout.created': 'Added a region to the rollout',
  'rollout.deleted': 'Removed a region from the rollout',
  'rollout.updated': 'Updated a rollout',
  'rollout.gates-changed': 'Changed what a launch waits for',
  'rollout.flagged': 'Flagged a live region',
  'rollout.flag-cleared': 'Cleared a live region’s flag',
  'region.created': 'Added a region',
  'region.updated': 'Edited a region',
  'organization.created': 'Added an organization',
  'organization.updated': 'Edited an organization',
  'organization.deleted': 'Deleted an organization',
  'document.uploaded': 'Uploaded a document',
  'document.integrity-failed': 'Refused a download: the file had changed',
  'note.created': 'Wrote a note',
  'note.edited': 'Edited a note',
  'note.deleted': 'Deleted a note',
  'view.created': 'Saved a view',
  'view.updated': 'Changed a saved view',
  'view.deleted': 'Deleted a saved view',
  'subscription.created': 'Subscribed to mail',
  'subscription.deleted': 'Removed a mail subscription',
  'subscription.unsubscribed': 'Unsubscribed from a mail (its link)',
  'watch.started': 'Started watching',
  'watch.stopped': 'Stopped watching',
  'webhook.created': 'Registered a webhook',
  'webhook.updated': 'Changed a webhook',
  'webhook.deleted': 'Deleted a webhook',
  'webhook.redelivered': 'Redelivered a webhook delivery',
  'webhook.disabled': 'Disabled a failing webhook',
  // Partner users (issue 17)
  'invitation.created': 'Invited a partner user',
  'invitation.revoked': 'Revoked an invitation',
  'invitation.accepted': 'Accepted an invitation and joined',
  'approval.requested': 'Asked for approval',
  'approval.approved': 'Approved a request',
  'approval.rejected': 'Rejected a request',
  'approval.withdrawn': 'Withdrew a request for approval',
};

export const ENTITY_TYPE_LABELS: Record<string, string> = {
  Partnership: 'Partnership',
  Milestone: 'Milestone',
  RegulatoryCheckpoint: 'Regulatory checkpoint',
  Rollout: 'Rollout',
  User: 'Person',
  SignIn: 'Sign-in',
  ApiToken: 'API token',
  Organization: 'Organization',
  Region: 'Region',
  Document: 'Document',
  Job: 'Background job',
  Note: 'Note',
  SavedView: 'Saved view',
  Watch: 'Watch',
  Subscription: 'Mail subscription',
  WebhookEndpoint: 'Webhook',
  Invitation: 'Invitation',
  ApprovalRequest: 'Approval request',
  ConfidentialAccess: 'Confidential figures',
  SignInPolicy: 'Sign-in settings',
};

export const FIELD_LABELS: Record<string, string> = {
  state: 'State', attempts: 'Attempts made', lastError: 'Last error', job: 'Job',
  title: 'Title', status: 'Status', stage: 'Stage', dueOn: 'Due date', ownerId: 'Owner', owner: 'Owner', ownerEmail: 'Owner',
  blockedReason: 'Reason blocked', completedAt: 'Completed', dependsOn: 'Depends on', sortOrder: 'Position in the plan',
  deletedAt: 'Deleted', deactivatedAt: 'Deactivated', revokedAt: 'Revoked', expiresAt: 'Expires', readOnly: 'Access',
  decisionDueOn: 'Decision due', evidenceExpiresOn: 'Evidence expires', filedOn: 'Filed on', decidedOn: 'Decided on',
  conditions: 'Conditions', notes: 'Notes', risk: 'Risk', regulator: 'Regulator', requirement: 'Requirement', jurisdiction: 'Jurisdiction',
  plannedLaunchOn: 'Planned launch', plannedPilotOn: 'Planned pilot', actualLaunchOn: 'Launched on', actualPilotOn: 'Pilot started',
  flaggedReason: 'Flag', region: 'Region', gates: 'Gates', checkpoints: 'Gating checkpoints', milestones: 'Gating milestones',
  name: 'Name', email: 'Email', role: 'Role', slug: 'Address', summary: 'Summary', parties: 'Parties', openedOn: 'Opened on',
  targetSignOn: 'Target signing', targetLaunchOn: 'Target launch', signedOn: 'Signed on', code: 'Code', timeZone: 'Time zone',
  kind: 'Kind', country: 'Country', website: 'Website', version: 'Version',
  // Context of an event (why, where from, how much)
  reason: 'Reason', ip: 'IP address', via: 'Through', format: 'Format', rows: 'Rows', completed: 'Finished', file: 'File',
  sessionsEnded: 'Sessions ended', months: 'Months', template: 'Plan copied from', copied: 'Copied', organizationsCreated: 'Organizations added',
  movedOn: 'Moved on', inserted: 'Added', updated: 'Changed', unchanged: 'Unchanged', deleted: 'Removed', cells: 'Cells',
  // Documents (issue 15)
  fileName: 'File name', contentType: 'Type', sizeBytes: 'Size (bytes)', sha256: 'SHA-256', versionNumber: 'Version of the document',
  expiresOn: 'Expires', supersedes: 'Replaces',
  // Notes (issue 15)
  body: 'Text', mentions: 'Mentions', subjectLabel: 'On',
  // Saved views (issue 16)
  shared: 'Shared with everyone', query: 'Filters', savedBy: 'Saved by',
  // Webhooks (issue 16)
  url: 'Address', description: 'Description', events: 'Events', allowPrivate: 'Private address allowed', active: 'Active',
  // Four-eyes approval (issue 17)
  requestedBy: 'Requested by', approvedBy: 'Approved by', comment: 'Comment', note: 'Note',
  // Partner users and invitations (issue 17)
  organization: 'Organization', invitationId: 'Invitation', invitedBy: 'Invited by',
  disabledReason: 'Why disabled', failures: 'Failed attempts in a row', event: 'Event', previousState: 'State before', secret: 'Signing secret',
};

const ENUMS: Record<string, Record<string, string>> = {
  'Milestone.status': MILESTONE_STATUS_LABELS,
  'RegulatoryCheckpoint.status': CHECKPOINT_STATUS_LABELS,
  'Rollout.status': ROLLOUT_STATUS_LABELS,
  stage: STAGE_LABELS,
  role: ROLE_LABELS,
  risk: RISK_LABELS,
  kind: ORGANIZATION_KIND_LABELS,
  'SavedView.kind': { metrics: 'Metrics explorer', portfolio: 'Portfolio' },
  'WebhookEndpoint.events': Object.fromEntries(Object.entries(WEBHOOK_EVENT_LABELS).map(([k, v]) => [k, v.label])),
  'WebhookEndpoint.previousState': { succeeded: 'Succeeded', failed: 'Failed' },
  'ApprovalRequest.kind': APPROVAL_KIND_LABELS,
  'ApprovalRequest.state': APPROVAL_STATE_LABELS,
  'ApprovalRequest.status': ROLLOUT_STATUS_LABELS,
  via: { api: 'the API', explorer: 'the metrics explorer' },
  format: { csv: 'CSV', xlsx: 'Excel (XLSX)', json: 'JSON' },
};

/** Fields that hold ids of people, milestones or checkpoints: shown by name via `names`. */
export const ID_FIELDS = new Set(['ownerId', 'owner', 'dependsOn', 'checkpoints', 'milestones', 'mentions']);

export const NOT_SET = 'not set';

/**
 * A recorded value confidential to its reader (issue 17, item 5; server/audit/redact.ts): the raw
 * record holds this in its place, and the words say the field changed without either value.
 */
export const CONFIDENTIAL_VALUE = 'confidential';
export const CONFIDENTIAL_CHANGE = 'changed (values confidential)';

/** A field name in words ("dueOn" -> "Due date"); an unknown field is split into words. */
export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? (field.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/^\w/, (c) => c.toUpperCase()));
}

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? 'Recorded a change';
}

export function entityTypeLabel(entityType: string): string {
  return ENTITY_TYPE_LABELS[entityType] ?? entityType.replace(/([a-z])([A-Z])/g, '$1 $2');
}

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
type Party = { organization?: unknown; role?: unknown };

/** One recorded value in words: enum labels, days and instants formatted, ids as names, null as "not set". */
export function valueWords(entityType: string, field: string, value: unknown, names?: ReadonlyMap<string, string>): string {
  if (value === null || value === undefined || value === '') return NOT_SET;
  if (Array.isArray(value)) {
    if (!value.length) return 'none';
    if (field === 'parties') return value.map((p: Party) => `${String(p.organization)} (${String(p.role)})`).join(', ');
    return value.map((v) => valueWords(entityType, field, v, names)).join(', ');
  }
  if (typeof value === 'boolean') return field === 'readOnly' ? (value ? 'Read only' : 'Read and write') : value ? 'Yes' : 'No';
  if (typeof value === 'number') return value.toLocaleString('en-US');
  if (typeof value === 'string') {
    const table = ENUMS[`${entityType}.${field}`] ?? ENUMS[field];
    if (table?.[value]) return table[value]!;
    // Without a names map the caller has already put names in place of ids (server/audit/present.ts withNames).
    if (ID_FIELDS.has(field)) return names ? (names.get(value) ?? 'someone or something no longer on record') : value;
    if (isIsoDay(value)) return formatDay(value);
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatInstant(value);
    return value;
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>).map(([k, v]) => `${fieldLabel(k)}: ${valueWords(entityType, k, v, names)}`).join('; ');
  }
  return String(value);
}
