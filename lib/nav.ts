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
  // Administrators' pages, under one "Administration" entry: ten entries in a row wrapped the header
  // onto a second line at 1440 px.
  { href: '/admin/users', label: 'Users', permission: 'users.manage', group: 'admin' },
  { href: '/admin/regions', label: 'Regions', permission: 'regions.manage', group: 'admin' },
  { href: '/admin/jobs', label: 'Jobs', permission: 'jobs.manage', group: 'admin' },
  { href: '/admin/webhooks', label: 'Webhooks', permission: 'webhooks.manage', group: 'admin' },
  { href: '/settings/tokens', label: 'API tokens', permission: 'tokens.manage', partners: 'scoped' },
] as const satisfies readonly { href: string; label: string; permission: Permission; partners?: 'scoped'; group?: NavGroup }[];

export type NavGroup = 'admin';
export const NAV_GROUP_LABELS: Record<NavGroup, string> = { admin: 'Administration' };

export type NavItem = { href: (typeof NAV)[number]['href']; label: string; group?: NavGroup };

/** The entries a person sees, given what they may do. */
export function navFor(can: (permission: Permission, options: { partners?: 'scoped' }) => boolean): NavItem[] {
  return NAV.filter((item) => can(item.permission, { partners: 'partners' in item ? item.partners : undefined }))
    .map((item) => ({ href: item.href, label: item.label, ...('group' in item ? { group: item.group } : {}) }));
}

/** The header's entries in order: a link, or a group of links shown where its first entry stands. */
export type NavEntry = { kind: 'link'; item: NavItem } | { kind: 'group'; group: NavGroup; label: string; items: NavItem[] };

export function navEntries(items: NavItem[]): NavEntry[] {
  const entries: NavEntry[] = [];
  for (const item of items) {
    if (!item.group) {
      entries.push({ kind: 'link', item });
      continue;
    }
    const group = entries.find((e): e is Extract<NavEntry, { kind: 'group' }> => e.kind === 'group' && e.group === item.group);
    if (group) group.items.push(item);
    else entries.push({ kind: 'group', group: item.group, label: NAV_GROUP_LABELS[item.group], items: [item] });
  }
  return entries;
}
