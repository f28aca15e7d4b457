import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditEntry } from '@/lib/audit';
import { auditRangeProblem } from '@/lib/schemas/audit';
import { userActor } from '@/server/auth/actor';
import { signIn } from '@/server/auth/sign-in';
import { findEntityTitle } from '@/server/audit/present';
import { findAuditEvents, findHistories, findRawAuditRecord } from '@/server/audit/queries';
import { updateMilestone } from '@/server/milestones/mutations';
import { createApiToken } from '@/server/tokens/mutations';
import { deactivateUser } from '@/server/users/mutations';
import { DEMO_PASSWORD } from '@/tests/factories/demo';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;

// What a reader must never see on the audit page (issue 13, finding 2).
const CUID = /\bc[a-z0-9]{20,}\b/;
const ACTION_CODE = /\b[a-z]+\.[a-z_-]+\b/;
const ENUM_CODE = /\b[A-Z]+_[A-Z_]+\b/;
const NULL = /\bnull\b/;

/** Everything the page prints for an entry: all but the raw record (behind "Raw record") and the machine-readable time. */
const visible = (e: AuditEntry) => [e.when, e.actor, e.action, e.entityType, e.entity, e.partnership ?? '', ...e.changes.flatMap((c) => [c.field, c.from ?? '', c.to ?? '']), ...e.notes].join('\n')
  .replace(/\S+@\S+\.\w+/g, ''); // an email is a word a reader knows (and a sign-in for an unknown one has only that)

beforeAll(async () => {
  t = await openDemoDatabase('2026-11-23');
  const [exec, bd, admin, analyst] = await Promise.all(
    ['executive', 'bd', 'admin', 'analyst'].map((who) => t.db.user.findUniqueOrThrow({ where: { email: `${who}@accord.local` } })),
  );
  // A day of real events: sign-ins (one refused), an owner and due-date change, a token, a deactivation.
  await signIn({ email: exec!.email, password: DEMO_PASSWORD, ip: '10.9.0.1', userAgent: 'vitest' });
  await signIn({ email: exec!.email, password: 'wrong password', ip: '10.9.0.2', userAgent: 'vitest' }).catch(() => undefined);
  await signIn({ email: 'nobody@example.test', password: 'x', ip: '10.9.0.3', userAgent: 'vitest' }).catch(() => undefined);
  const m = await t.db.milestone.findFirstOrThrow({ where: { title: 'Pilot with selected merchants' } });
  await updateMilestone(userActor(bd!), m.id, { version: m.version, ownerId: analyst!.id, dueOn: '2027-02-15', status: 'BLOCKED', blockedReason: 'Waiting for the regulator' });
  await createApiToken(userActor(analyst!), { ownerId: analyst!.id, name: 'Nightly export', readOnly: true, expiresInDays: 30 });
  const target = await t.db.user.findUniqueOrThrow({ where: { email: 'executive@accord.local' } });
  await deactivateUser(userActor(admin!), { userId: target.id, version: target.version });
}, 300_000); // the demo seed and three password checks: slow on a busy 2-core machine
afterAll(() => t?.close());

describe('the audit trail in words', () => {
  it('shows names, titles and labels: no ids, codes or "null" in any visible text', async () => {
    const { rows } = await findAuditEvents({});
    expect(rows.length).toBeGreaterThan(8);
    const offenders = rows.map((r) => visible(r)).filter((text) => CUID.test(text) || ACTION_CODE.test(text) || ENUM_CODE.test(text) || NULL.test(text));
    expect(offenders).toEqual([]);
    // The raw record stays one click away: read by id when "Raw record" is opened.
    for (const r of rows) expect(JSON.parse((await findRawAuditRecord(r.id))!)).toMatchObject({ id: r.id, action: expect.any(String) });
    for (const bad of ['0', '99999999999', 'x', '1e3', '-1']) expect(await findRawAuditRecord(bad)).toBeNull();
  });

  it('a milestone edit reads as sentences: the owner by name, the status in words, dates formatted', async () => {
    const { rows } = await findAuditEvents({ entityType: 'Milestone' });
    const edit = rows.find((r) => r.entity === 'Pilot with selected merchants' && r.action === 'Updated a milestone')!;
    expect(edit.actor).toBe((await t.db.user.findUniqueOrThrow({ where: { email: 'bd@accord.local' } })).name);
    expect(edit.partnership).toBe('Apple Pay × Alipay');
    expect(edit.changes).toEqual(expect.arrayContaining([
      expect.objectContaining({ field: 'Status', to: 'Blocked' }),
      expect.objectContaining({ field: 'Owner', to: 'Ana Lyst' }),
      expect.objectContaining({ field: 'Due date', to: '15 Feb 2027' }),
    ]));
  });

  it('sign-ins: the person by name and the refusal in words; an unknown email is the email typed', async () => {
    const { rows } = await findAuditEvents({ entityType: 'User' });
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['Signed in', 'Sign-in refused', 'Deactivated a person']));
    const refused = rows.find((r) => r.action === 'Sign-in refused')!;
    expect(refused.notes).toContain('Reason: wrong password');
    const unknown = (await findAuditEvents({ entityType: 'SignIn' })).rows[0]!;
    expect(unknown.entity).toBe('nobody@example.test');
  });

  it('a history is headed by the title, and the per-row history names people', async () => {
    const m = await t.db.milestone.findFirstOrThrow({ where: { title: 'Pilot with selected merchants' } });
    expect(await findEntityTitle('Milestone', m.id)).toBe('Pilot with selected merchants (Apple Pay × Alipay)');
    const user = await t.db.user.findUniqueOrThrow({ where: { email: 'executive@accord.local' } });
    expect(await findEntityTitle('User', user.id)).toBe(user.name);
    const history = (await findHistories([m.id])).get(m.id)!;
    expect(JSON.stringify(history)).not.toMatch(CUID);
  });

  it('finds people by name as well as by email', async () => {
    const bd = await t.db.user.findUniqueOrThrow({ where: { email: 'bd@accord.local' } });
    const { rows } = await findAuditEvents({ actor: bd.name.split(' ')[0]! });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.actor.startsWith(bd.name))).toBe(true);
  });

  it('a From date after To says so, in words', () => {
    expect(auditRangeProblem({ from: '2026-11-30', to: '2026-11-01' })).toBe('The From date (30 Nov 2026) is after the To date (1 Nov 2026), so no event can match. Swap them, or clear one.');
    expect(auditRangeProblem({ from: '2026-11-01', to: '2026-11-01' })).toBeNull();
  });
});
