import type { Role } from './domain';

/**
 * Accord's one permission list, mapped to roles in this file only (conventions, habit 3).
 * `write` permissions are withheld from read-only API tokens. The UI uses `can` to hide what a
 * role cannot do; the server checks the same table in every action and route (server/auth/guard.ts).
 */
export const PERMISSIONS = {
  'partnerships.read': 'read',
  'metrics.read': 'read',
  'metrics.export': 'read',
  'audit.read': 'read',
  'partnerships.create': 'write',
  'partnerships.update': 'write',
  'partnerships.stage': 'write',
  'partnerships.regions': 'write',
  'organizations.manage': 'write',
  'regions.manage': 'write',
  'targets.update': 'write',
  'milestones.update': 'write',
  'checkpoints.update': 'write',
  'rollouts.update': 'write',
  'metrics.import': 'write',
  'tokens.manage': 'write',
  'users.manage': 'write',
  // One's own account: display name, sessions (issue 13).
  'profile.update': 'write',
  // Notes on a deal and its parts: anyone who reads the deal may discuss it (issue 15).
  'notes.write': 'write',
  // Deleting someone else's note.
  'notes.moderate': 'write',
  // Evidence on checkpoints and a partnership's documents (issue 15).
  'documents.upload': 'write',
  // Background jobs: the dead-letter list and retrying a dead job (issue 16).
  'jobs.manage': 'write',
  // One's own inbox and what one watches (issue 16).
  'inbox.read': 'read',
  'inbox.update': 'write',
  // Saving the explorer's or the portfolio's filters by name, personal or shared (issue 16).
  'views.save': 'write',
  // Deleting someone else's shared view.
  'views.moderate': 'write',
  // Registering webhooks, reading their deliveries and redelivering by hand (issue 16).
  'webhooks.manage': 'write',
  // One's own mail: digests and scheduled exports (an export also needs metrics.export) (issue 16).
  'subscriptions.manage': 'write',
  // Reading the mail outbox (every mail written, sent or kept when no SMTP server is configured).
  'outbox.read': 'read',
  // One's own password: the only permission left to someone who must replace a temporary password.
  'profile.password': 'write',
  // Four-eyes approval (issue 17): reading the requests, and approving or rejecting someone else's.
  // Asking happens through rollouts.update (going live) and partnerships.stage (signing).
  'approvals.read': 'read',
  'approvals.decide': 'write',
  // Inviting people of a partner organization, revoking invitations, deactivating partner users (issue 17).
  'partners.invite': 'write',
  // How people sign in (issue 18): single sign-on's provisioning, domains that must use it.
  'signin.manage': 'write',
} as const satisfies Record<string, 'read' | 'write'>;

export type Permission = keyof typeof PERMISSIONS;
export const ALL_PERMISSIONS = Object.keys(PERMISSIONS) as Permission[];

// Everyone reads and keeps their own account.
const READ: Permission[] = ['partnerships.read', 'metrics.read', 'profile.update', 'profile.password', 'notes.write', 'inbox.read', 'inbox.update', 'views.save', 'subscriptions.manage'];
// Opening, editing and moving deals, their parties and regions (issue 12).
const DEALS: Permission[] = ['partnerships.create', 'partnerships.update', 'partnerships.stage', 'partnerships.regions', 'organizations.manage', 'documents.upload'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  // Reads everything, including who changed what.
  EXECUTIVE: [...READ, 'audit.read', 'approvals.read', 'approvals.decide'],
  // Keeps the deal up to date; may script it through the API.
  BUSINESS_DEVELOPMENT: [...READ, ...DEALS, 'milestones.update', 'checkpoints.update', 'rollouts.update', 'targets.update', 'tokens.manage', 'partners.invite', 'approvals.read'],
  // Explores, imports and exports the metrics; scripts them through the API.
  ANALYST: [...READ, 'metrics.export', 'metrics.import', 'targets.update', 'tokens.manage'],
  // Manages people, roles and the region catalogue; opens and keeps deals; reads the audit trail;
  // scripts what they can do like the roles above (issue 13: the API tokens page was a 403 for them).
  ADMIN: [...READ, ...DEALS, 'audit.read', 'notes.moderate', 'views.moderate', 'users.manage', 'regions.manage', 'tokens.manage', 'jobs.manage', 'webhooks.manage', 'outbox.read', 'partners.invite', 'approvals.read', 'approvals.decide', 'signin.manage'],
  // Someone of a partner organization (issue 17). These permissions count only where the page,
  // route or command scopes itself to the partner's deals (server/auth/guard.ts, `partners`);
  // everywhere else a partner is refused.
  PARTNER: ['partnerships.read', 'metrics.read', 'metrics.export', 'audit.read', 'milestones.update', 'notes.write', 'inbox.read', 'inbox.update', 'tokens.manage', 'profile.update', 'profile.password'],
};

export function roleCan(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function isWrite(permission: Permission): boolean {
  return PERMISSIONS[permission] === 'write';
}
