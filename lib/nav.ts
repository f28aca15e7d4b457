import type { Permission } from './permissions';

/**
 * The app shell's main navigation, with the permission each page checks. One list, so the link a
 * role sees and the page it may open cannot drift apart (issue 13: administrators saw no API
 * tokens link and got a 403); e2e/accounts.spec.ts visits every entry as every role.
 */
export const NAV = [
  // `partners: 'scoped'`: the page scopes itself to a partner user's deals (issue 17), so they see the
  // entry too; every other entry is for internal people only, as its page refuses partners.
  { href: '/', label: 'Portfolio', permission: 'partnerships.read', partners: 'scoped' },
  { href: '/organizations', label: 'Organizations', permission: 'partnerships.read' },
  { href: '/approvals', label: 'Approvals', permission: 'approvals.read' },
  { href: '/partners', label: 'Partners', permission: 'partners.invite' },
  // A partner user reads their own actions only (server/audit/queries.ts).
  { href: '/audit', label: 'Audit trail', permission: 'audit.read', partners: 'scoped' },
  { href: '/admin/users', label: 'Users', permission: 'users.manage' },
  { href: '/admin/regions', label: 'Regions', permission: 'regions.manage' },
  { href: '/admin/jobs', label: 'Jobs', permission: 'jobs.manage' },
  { href: '/admin/webhooks', label: 'Webhooks', permission: 'webhooks.manage' },
  { href: '/settings/tokens', label: 'API tokens', permission: 'tokens.manage', partners: 'scoped' },
] as const satisfies readonly { href: string; label: string; permission: Permission; partners?: 'scoped' }[];

export type NavItem = { href: (typeof NAV)[number]['href']; label: string };

/** The entries a person sees, given what they may do. */
export function navFor(can: (permission: Permission, options: { partners?: 'scoped' }) => boolean): NavItem[] {
  return NAV.filter((item) => can(item.permission, { partners: 'partners' in item ? item.partners : undefined })).map(({ href, label }) => ({ href, label }));
}
