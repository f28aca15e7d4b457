import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor, type Actor } from '@/server/auth/actor';
import { updateMilestone } from '@/server/milestones/mutations';
import { findMilestones } from '@/server/milestones/queries';
import { bulkUpdateMilestones, createMilestone, moveMilestone } from '@/server/milestones/structure';
import { createPartnership, createUser } from '@/tests/factories/builders';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
let bd: Actor;
let n = 0;
beforeAll(async () => {
  t = await openTestDatabase();
  bd = userActor(await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' }));
});
afterAll(() => t?.close());

async function deal() {
  const p = await createPartnership(t.db, { ownerId: bd.userId!, slug: `structure-${++n}` });
  const a = await createMilestone(bd, { partnershipSlug: p.slug, title: 'A', dependsOnIds: [] });
  const b = await createMilestone(bd, { partnershipSlug: p.slug, title: 'B', dependsOnIds: [a.id] });
  const c = await createMilestone(bd, { partnershipSlug: p.slug, title: 'C', dependsOnIds: [b.id] });
  return { slug: p.slug, a, b, c };
}

describe('milestone dependencies, order and bulk edits', () => {
  it('creates milestones at the end of the list with their dependencies, audited', async () => {
    const { slug, a, b, c } = await deal();
    expect((await findMilestones(slug)).map((m) => [m.title, m.sortOrder, m.dependsOnIds])).toEqual([
      ['A', 1, []], ['B', 2, [a.id]], ['C', 3, [b.id]],
    ]);
    expect(await t.db.auditEvent.count({ where: { entityId: c.id, action: 'milestone.created' } })).toBe(1);
  });

  it('refuses a dependency cycle, direct or indirect, and a self-dependency; nothing changes', async () => {
    const { a, b, c } = await deal();
    await expect(updateMilestone(bd, a.id, { version: 1, dependsOnIds: [c.id] })).rejects.toMatchObject({ status: 422, fieldErrors: { dependsOnIds: [expect.stringMatching(/itself/)] } });
    await expect(updateMilestone(bd, a.id, { version: 1, dependsOnIds: [a.id] })).rejects.toMatchObject({ status: 422 });
    await expect(updateMilestone(bd, b.id, { version: 1, dependsOnIds: ['someone-elses'] })).rejects.toMatchObject({ status: 422 });
    expect(await t.db.milestoneDependency.count({ where: { milestoneId: a.id } })).toBe(0);
    const ok = await updateMilestone(bd, c.id, { version: 1, dependsOnIds: [a.id, b.id] });
    expect(ok.dependsOnIds).toEqual([a.id, b.id].sort());
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: c.id, action: 'milestone.updated' } });
    expect(event.after).toEqual({ dependsOn: [a.id, b.id].sort() });
  });

  it('moves a milestone up and down', async () => {
    const { slug, c } = await deal();
    await moveMilestone(bd, { id: c.id, version: 1, direction: 'up' });
    expect((await findMilestones(slug)).map((m) => m.title)).toEqual(['A', 'C', 'B']);
    const moved = (await findMilestones(slug)).find((m) => m.title === 'C')!;
    await moveMilestone(bd, { id: moved.id, version: moved.version, direction: 'up' });
    expect((await findMilestones(slug)).map((m) => m.title)).toEqual(['C', 'A', 'B']);
    await expect(moveMilestone(bd, { id: moved.id, version: 1, direction: 'down' })).rejects.toMatchObject({ status: 409 });
  });

  it('applies a bulk change to every selected milestone, or to none when one is stale', async () => {
    const { slug, a, b, c } = await deal();
    const audit = await t.db.auditEvent.count();
    await expect(bulkUpdateMilestones(bd, { items: [{ id: a.id, version: 1 }, { id: b.id, version: 1 }, { id: c.id, version: 99 }], dueOn: '2027-06-30' }))
      .rejects.toMatchObject({ status: 409 });
    expect(await t.db.auditEvent.count()).toBe(audit);
    expect((await findMilestones(slug)).every((m) => m.dueOn === null)).toBe(true);

    const result = await bulkUpdateMilestones(bd, { items: [{ id: a.id, version: 1 }, { id: b.id, version: 1 }], status: 'IN_PROGRESS', dueOn: '2027-06-30' });
    expect(result).toEqual({ count: 2 });
    const after = await findMilestones(slug);
    expect(after.filter((m) => m.status === 'IN_PROGRESS' && m.dueOn === '2027-06-30').map((m) => m.title)).toEqual(['A', 'B']);
    expect(await t.db.auditEvent.count()).toBe(audit + 2);
  });
});

describe('delete with undo', () => {
  it('hides a deleted milestone everywhere, stops it gating, and restores it with its dependencies', async () => {
    const { slug, a, b, c } = await deal();
    const { deleteMilestone, restoreMilestone, findDeletedMilestones } = await import('@/server/milestones/structure');
    const deleted = await deleteMilestone(bd, { id: b.id, version: 1 });
    expect((await findMilestones(slug)).map((m) => m.title)).toEqual(['A', 'C']);
    expect((await findMilestones(slug)).find((m) => m.id === c.id)!.dependsOnIds).toEqual([]);
    expect(await findDeletedMilestones(slug)).toEqual([{ id: b.id, title: 'B', deletedAt: expect.any(String) }]);
    await expect(updateMilestone(bd, b.id, { version: deleted.version, title: 'x' })).rejects.toMatchObject({ status: 404 });
    await restoreMilestone(bd, { id: b.id });
    const back = await findMilestones(slug);
    expect(back.map((m) => m.title)).toEqual(['A', 'B', 'C']);
    expect(back.find((m) => m.id === c.id)!.dependsOnIds).toEqual([b.id]);
    expect(back.find((m) => m.id === b.id)!.dependsOnIds).toEqual([a.id]);
    expect(await t.db.auditEvent.count({ where: { entityId: b.id, action: { in: ['milestone.deleted', 'milestone.restored'] } } })).toBe(2);
  });

  it('refuses to restore a milestone when that would close a dependency circle', async () => {
    const { a, b } = await deal();
    const { deleteMilestone, restoreMilestone } = await import('@/server/milestones/structure');
    await deleteMilestone(bd, { id: b.id, version: 1 }); // B depended on A; C depended on B
    await updateMilestone(bd, a.id, { version: 1, dependsOnIds: [] });
    const aNow = await t.db.milestone.findUniqueOrThrow({ where: { id: a.id } });
    // A now depends on C; restoring B (A <- B <- C) would close A -> C -> B -> A.
    const c = await t.db.milestone.findFirstOrThrow({ where: { partnershipId: aNow.partnershipId, title: 'C' } });
    await updateMilestone(bd, a.id, { version: aNow.version, dependsOnIds: [c.id] });
    await expect(restoreMilestone(bd, { id: b.id })).rejects.toMatchObject({ status: 422 });
  });
});
