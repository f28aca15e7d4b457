import { describe, expect, it } from 'vitest';
import { ROLES } from '@/lib/domain';
import { NAV, NAV_GROUP_LABELS, navEntries, navFor } from '@/lib/nav';
import { roleCan } from '@/lib/permissions';

const forRole = (role: (typeof ROLES)[number]) =>
  navFor((permission, options) => roleCan(role, permission) && (role !== 'PARTNER' || options.partners === 'scoped'));

describe('the header navigation', () => {
  it('keeps every entry of every role, each once, in the order of NAV', () => {
    for (const role of ROLES) {
      const entries = navEntries(forRole(role));
      const flat = entries.flatMap((e) => (e.kind === 'group' ? e.items : [e.item]));
      expect(flat).toEqual(forRole(role));
      const order = flat.map((item) => NAV.findIndex((n) => n.href === item.href));
      expect(order).toEqual([...order].sort((a, b) => a - b));
    }
  });

  it('shows a group where its first entry stands, under its label, and only when the role has one of its pages', () => {
    const admin = navEntries(forRole('ADMIN'));
    const group = admin.find((e) => e.kind === 'group');
    expect(group).toMatchObject({ kind: 'group', label: NAV_GROUP_LABELS.admin });
    expect(group?.kind === 'group' && group.items.map((i) => i.label)).toEqual(['Users', 'Regions', 'Jobs', 'Webhooks']);
    expect(admin.map((e) => (e.kind === 'group' ? e.label : e.item.label))).toEqual(['Portfolio', 'Organizations', 'Approvals', 'Partners', 'Audit trail', 'Administration', 'API tokens']);
    for (const role of ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'PARTNER'] as const) {
      expect(navEntries(forRole(role)).some((e) => e.kind === 'group'), role).toBe(false);
    }
  });

  it('keeps the header to at most seven entries for any role (it holds one line at 1440 px; e2e/auth.spec.ts measures it)', () => {
    for (const role of ROLES) expect(navEntries(forRole(role)).length, role).toBeLessThanOrEqual(7);
  });
});
