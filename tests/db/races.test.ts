import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { operatorActor, userActor, type Actor } from '@/server/auth/actor';
import { recordReviewVisit } from '@/server/dashboard/review';
import { bulkUpdateMilestones, createMilestone as addMilestone, deleteMilestone, moveMilestone, restoreMilestone } from '@/server/milestones/structure';
import { setRolloutGates } from '@/server/rollouts/gates';
import { createApiToken, revokeApiToken } from '@/server/tokens/mutations';
import { changeUserRole, createUser as createUserAccount, deactivateUser, reactivateUser } from '@/server/users/mutations';
import { createCheckpoint, createMilestone, createPartnership, createRollout, createUser, ensureRegion } from '@/tests/factories/builders';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 8, concurrency: for every editable thing not already raced in bd-updates.test.ts
// (milestone, checkpoint and rollout edits), simultaneous changes from the same version end with
// exactly one winner; the others are refused with a 4xx (never a 500) and leave nothing behind.
// On PostgreSQL these really interleave (a pool of connections); on PGlite they queue.
let t: TestDatabase;
let bd: Actor;
let n = 0;
const operator = operatorActor();
const RACERS = 6;

beforeAll(async () => {
  t = await openTestDatabase();
  bd = userActor(await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' }));
});
afterAll(() => t?.close());

/** Runs `attempt` RACERS times at once; returns the winners and the refusals (which must be 4xx). */
async function race<T>(attempt: (i: number) => Promise<T>) {
  const results = await Promise.allSettled(Array.from({ length: RACERS }, (_, i) => attempt(i)));
  const won = results.filter((r): r is PromiseFulfilledResult<Awaited<T>> => r.status === 'fulfilled').map((r) => r.value);
  const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected').map((r) => r.reason as { status?: number; message?: string });
  for (const reason of lost) {
    expect(reason, String(reason?.message)).toMatchObject({ status: expect.any(Number) }); // a UserFacingError, not a crash
    expect(reason.status).toBeGreaterThanOrEqual(400);
    expect(reason.status).toBeLessThan(500);
  }
  return { won, lost };
}

const audits = (entityId: string | { in: string[] }, action?: string) => t.db.auditEvent.count({ where: { entityId, ...(action ? { action } : {}) } });

async function deal(count = 4) {
  const p = await createPartnership(t.db, { ownerId: bd.userId!, slug: `race-${++n}` });
  const ms = [];
  for (let i = 1; i <= count; i++) ms.push(await createMilestone(t.db, { partnershipId: p.id, title: `M${i}`, sortOrder: i }));
  return { p, ms };
}

describe('milestone structure', () => {
  it('moving the same milestone: one move wins, the rest get 409', async () => {
    const { ms } = await deal();
    const { won, lost } = await race(() => moveMilestone(bd, { id: ms[3]!.id, version: 1, direction: 'up' }));
    expect(won).toHaveLength(1);
    expect(lost.every((l) => l.status === 409)).toBe(true);
    const order = await t.db.milestone.findMany({ where: { partnershipId: ms[0]!.partnershipId }, orderBy: { sortOrder: 'asc' }, select: { title: true } });
    expect(order.map((m) => m.title)).toEqual(['M1', 'M2', 'M4', 'M3']);
    expect(await audits({ in: ms.map((m) => m.id) }, 'milestone.reordered')).toBe(2);
  });

  it('deleting the same milestone: one delete wins, one audit row', async () => {
    const { ms } = await deal(1);
    const { won } = await race(() => deleteMilestone(bd, { id: ms[0]!.id, version: 1 }));
    expect(won).toHaveLength(1);
    expect(await audits(ms[0]!.id, 'milestone.deleted')).toBe(1);
  });

  it('undoing the same delete twice at once restores it once', async () => {
    const { ms } = await deal(1);
    await deleteMilestone(bd, { id: ms[0]!.id, version: 1 });
    const { won } = await race(() => restoreMilestone(bd, { id: ms[0]!.id }));
    expect(won).toHaveLength(1);
    expect(await audits(ms[0]!.id, 'milestone.restored')).toBe(1);
    expect((await t.db.milestone.findUniqueOrThrow({ where: { id: ms[0]!.id } })).version).toBe(3);
  });

  it('bulk updates over the same milestones, selected in opposite orders: one applies entirely, the others not at all', async () => {
    const { ms } = await deal(6);
    const items = ms.map((m) => ({ id: m.id, version: 1 }));
    const { won } = await race((i) =>
      bulkUpdateMilestones(bd, { items: i % 2 ? [...items].reverse() : items, dueOn: `2031-01-0${i + 1}` }),
    );
    expect(won).toHaveLength(1);
    const rows = await t.db.milestone.findMany({ where: { id: { in: ms.map((m) => m.id) } } });
    expect(new Set(rows.map((r) => r.dueOn?.toISOString())).size).toBe(1);
    expect(rows.every((r) => r.version === 2)).toBe(true);
    expect(await audits({ in: ms.map((m) => m.id) })).toBe(6);
  });

  it('milestones added at the same moment all arrive, each audited once', async () => {
    const p = await createPartnership(t.db, { ownerId: bd.userId!, slug: `race-${++n}` });
    const { won } = await race((i) => addMilestone(bd, { partnershipSlug: p.slug, title: `Parallel ${i}`, dependsOnIds: [] }));
    expect(won).toHaveLength(RACERS);
    expect(await t.db.milestone.count({ where: { partnershipId: p.id } })).toBe(RACERS);
    expect(await audits({ in: won.map((m) => m.id) }, 'milestone.created')).toBe(RACERS);
  });
});

describe('rollout gates', () => {
  it('changing the gates of one region from the same version: one wins', async () => {
    const { p, ms } = await deal(2);
    const region = await ensureRegion(t.db, { code: `G${n}`, name: `Gate region ${n}`, timeZone: 'UTC' });
    const checkpoint = await createCheckpoint(t.db, { partnershipId: p.id });
    const rollout = await createRollout(t.db, { partnershipId: p.id, regionId: region.id });
    const { won, lost } = await race((i) =>
      setRolloutGates(bd, { id: rollout.id, version: 1, checkpointIds: i % 2 ? [checkpoint.id] : [], milestoneIds: [ms[i % 2]!.id] }),
    );
    expect(won).toHaveLength(1);
    expect(lost.every((l) => l.status === 409)).toBe(true);
    expect(await audits(rollout.id, 'rollout.gates-changed')).toBe(1);
    expect(await t.db.rolloutMilestoneGate.count({ where: { rolloutId: rollout.id } })).toBe(1);
  });
});

describe('people (administrators)', () => {
  it('adding the same email twice at the same moment: one account, the other gets 422', async () => {
    const email = `twice-${++n}@example.test`;
    const results = await Promise.allSettled([0, 1].map(() => createUserAccount(operator, { email, name: 'Twice', role: 'ANALYST', password: 'a password long enough' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { status: 422, message: 'That email already has an account.' } });
    expect(await t.db.user.count({ where: { email } })).toBe(1);
  });

  it('changing the same person from the same version: one change wins, the others get 409', async () => {
    const person = await createUser(t.db, { role: 'ANALYST' });
    const roles = ['EXECUTIVE', 'BUSINESS_DEVELOPMENT'] as const;
    const { won, lost } = await race((i) => changeUserRole(operator, { userId: person.id, version: 1, role: roles[i % 2]! }));
    expect(won).toHaveLength(1);
    expect(lost.every((l) => l.status === 409)).toBe(true);
    const row = await t.db.user.findUniqueOrThrow({ where: { id: person.id } });
    expect(row).toMatchObject({ version: 2, role: won[0]!.role });
    expect(await audits(person.id, 'user.role-changed')).toBe(1);
  });

  it('deactivating and reactivating the same person at once from the same version: one wins', async () => {
    const person = await createUser(t.db, { role: 'ANALYST' });
    const { won } = await race<unknown>((i) => (i % 2 ? deactivateUser(operator, { userId: person.id, version: 1 }) : changeUserRole(operator, { userId: person.id, version: 1, role: 'EXECUTIVE' })));
    expect(won).toHaveLength(1);
    expect(await audits(person.id)).toBe(1);
    await expect(reactivateUser(operator, { userId: person.id, version: 1 })).rejects.toMatchObject({ status: 409 });
  });

  it('two administrators removing each other at the same moment cannot leave Accord without an administrator', async () => {
    // Make these the only two active administrators.
    await t.db.user.updateMany({ where: { role: 'ADMIN' }, data: { role: 'EXECUTIVE' } });
    const a = await createUser(t.db, { role: 'ADMIN' });
    const b = await createUser(t.db, { role: 'ADMIN' });
    const results = await Promise.allSettled([
      deactivateUser(userActor(a), { userId: b.id, version: 1 }),
      deactivateUser(userActor(b), { userId: a.id, version: 1 }),
      changeUserRole(userActor(a), { userId: b.id, version: 1, role: 'ANALYST' }),
      changeUserRole(userActor(b), { userId: a.id, version: 1, role: 'ANALYST' }),
    ]);
    for (const r of results) if (r.status === 'rejected') expect((r.reason as { status: number }).status).toBeLessThan(500);
    expect(await t.db.user.count({ where: { role: 'ADMIN', deactivatedAt: null } })).toBeGreaterThanOrEqual(1);
  });
});

describe('API tokens', () => {
  it('revoking the same token at once: revoked once, one audit row', async () => {
    const token = await createApiToken(bd, { ownerId: bd.userId!, name: `race ${++n}`, readOnly: false });
    const { won } = await race(() => revokeApiToken(bd, { tokenId: token.id }));
    expect(won.filter((w) => w.changed)).toHaveLength(1);
    expect(await audits(token.id, 'token.revoked')).toBe(1);
  });

  it('creating tokens at once never passes the limit of 20 active tokens', async () => {
    const owner = userActor(await createUser(t.db, { role: 'ANALYST' }));
    for (let i = 0; i < 17; i++) await createApiToken(owner, { ownerId: owner.userId!, name: `t${i}`, readOnly: true });
    const { won, lost } = await race((i) => createApiToken(owner, { ownerId: owner.userId!, name: `racing ${i}`, readOnly: true }));
    expect(won).toHaveLength(3);
    expect(lost.every((l) => l.status === 422)).toBe(true);
    expect(await t.db.apiToken.count({ where: { userId: owner.userId!, revokedAt: null } })).toBe(20);
  });
});

describe('dashboard visits', () => {
  it('opening the same dashboard in two tabs at once records one visit, without an error', async () => {
    const { p } = await deal(1);
    const results = await Promise.allSettled(Array.from({ length: RACERS }, () => recordReviewVisit(bd.userId!, p.id)));
    expect(results.filter((r) => r.status === 'rejected').map((r) => String((r as PromiseRejectedResult).reason))).toEqual([]);
    expect(await t.db.dashboardVisit.count({ where: { userId: bd.userId!, partnershipId: p.id } })).toBe(1);
  });
});
