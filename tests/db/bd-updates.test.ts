import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_STATUSES } from '@/lib/domain';
import { CHECKPOINT_TRANSITIONS } from '@/lib/rules/transitions';
import { userActor, type Actor } from '@/server/auth/actor';
import { updateCheckpoint } from '@/server/checkpoints/mutations';
import { updateMilestone } from '@/server/milestones/mutations';
import { updateRollout } from '@/server/rollouts/mutations';
import { createCheckpoint, createMilestone, createPartnership, createRollout, createUser, ensureRegion } from '@/tests/factories/builders';
import { approvedBy } from '@/tests/support/four-eyes';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
let bd: Actor;
let executive: Actor;
let partnershipId: string;
beforeAll(async () => {
  t = await openTestDatabase();
  const user = await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' });
  bd = userActor(user);
  executive = userActor(await createUser(t.db, { role: 'EXECUTIVE' }));
  partnershipId = (await createPartnership(t.db, { ownerId: user.id })).id;
});
afterAll(() => t?.close());

let regionN = 0;
async function gatedRollout() {
  const region = await ensureRegion(t.db, { code: `R${++regionN}`, name: `Region ${regionN}`, timeZone: 'Asia/Shanghai' });
  const checkpoint = await createCheckpoint(t.db, { partnershipId, regulator: `Central bank ${regionN}`, status: 'UNDER_REVIEW', filedOn: '2026-09-01' });
  const milestone = await createMilestone(t.db, { partnershipId, title: `Pilot ${regionN}`, status: 'IN_PROGRESS' });
  const rollout = await createRollout(t.db, { partnershipId, regionId: region.id, gateCheckpointIds: [checkpoint.id], gateMilestoneIds: [milestone.id] });
  return { checkpoint, milestone, rollout };
}

describe('checkpoint transitions (one table, enforced on the server)', () => {
  for (const from of CHECKPOINT_STATUSES) {
    for (const to of CHECKPOINT_STATUSES) {
      if (from === to) continue;
      const allowed = CHECKPOINT_TRANSITIONS[from].includes(to);
      it(`${from} -> ${to}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const c = await createCheckpoint(t.db, { partnershipId, status: from, filedOn: '2026-01-05', conditions: from === 'APPROVED_WITH_CONDITIONS' ? 'x' : null });
        const input = { version: 1, status: to, ...(to === 'APPROVED_WITH_CONDITIONS' ? { conditions: 'Quarterly reporting.' } : {}) };
        if (allowed) {
          const result = await updateCheckpoint(bd, c.id, input);
          expect(result.status).toBe(to);
          expect(result.version).toBe(2);
        } else {
          await expect(updateCheckpoint(bd, c.id, input)).rejects.toMatchObject({ status: 422 });
          expect((await t.db.regulatoryCheckpoint.findUniqueOrThrow({ where: { id: c.id } })).status).toBe(from);
        }
      });
    }
  }

  it('a decision records its date and requires conditions when approved with conditions', async () => {
    const c = await createCheckpoint(t.db, { partnershipId, status: 'UNDER_REVIEW', filedOn: '2026-09-01' });
    await expect(updateCheckpoint(bd, c.id, { version: 1, status: 'APPROVED_WITH_CONDITIONS' })).rejects.toMatchObject({
      status: 422, fieldErrors: { conditions: ['Approved with conditions needs the conditions.'] },
    });
    const decided = await updateCheckpoint(bd, c.id, { version: 1, status: 'APPROVED_WITH_CONDITIONS', conditions: 'Cap of 50,000 users.', decidedOn: '2026-11-20' });
    expect(decided).toMatchObject({ decidedOn: '2026-11-20', conditions: 'Cap of 50,000 users.' });
    await expect(updateCheckpoint(bd, c.id, { version: 2, decidedOn: '2026-08-01' })).rejects.toMatchObject({ status: 422 });
  });
});

describe('launch gating', () => {
  it('refuses PILOT or LIVE while a gate is open, naming every blocker, and writes nothing', async () => {
    const { rollout, checkpoint, milestone } = await gatedRollout();
    const audit = await t.db.auditEvent.count();
    const error = await updateRollout(bd, rollout.id, { version: 1, status: 'LIVE' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 422 });
    expect((error as { blockers: unknown[] }).blockers).toEqual([
      { kind: 'checkpoint', id: checkpoint.id, name: checkpoint.regulator, reason: 'under review' },
      { kind: 'milestone', id: milestone.id, name: milestone.title, reason: 'in progress' },
    ]);
    expect((error as Error).message).toContain(checkpoint.regulator);
    expect(await t.db.auditEvent.count()).toBe(audit);
    expect((await t.db.rollout.findUniqueOrThrow({ where: { id: rollout.id } })).status).toBe('PLANNED');
    // Refused before any approval is asked for: an executive is never asked to approve a closed gate.
    expect(await t.db.approvalRequest.count({ where: { rolloutId: rollout.id } })).toBe(0);
  });

  it('lets the region launch once the checkpoint is approved and the milestone done, recording the day', async () => {
    const { rollout, checkpoint, milestone } = await gatedRollout();
    await updateCheckpoint(bd, checkpoint.id, { version: 1, status: 'APPROVED' });
    await expect(updateRollout(bd, rollout.id, { version: 1, status: 'PILOT' })).rejects.toMatchObject({ blockers: [{ kind: 'milestone' }] });
    await updateMilestone(bd, milestone.id, { version: 1, status: 'DONE' });
    // Going live waits for an executive (issue 17); approved, it happens.
    const live = await approvedBy(executive, await updateRollout(bd, rollout.id, { version: 1, status: 'LIVE' }));
    expect(live).toMatchObject({ status: 'LIVE', version: 2, readiness: { state: 'live', lapsed: [] } });
    expect(live.actualLaunchOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it('flags a live region at once when its gating checkpoint is rejected, and clears the flag on approval', async () => {
    const { rollout, checkpoint, milestone } = await gatedRollout();
    await updateCheckpoint(bd, checkpoint.id, { version: 1, status: 'APPROVED' });
    await updateMilestone(bd, milestone.id, { version: 1, status: 'DONE' });
    await approvedBy(executive, await updateRollout(bd, rollout.id, { version: 1, status: 'LIVE' }));
    await updateCheckpoint(bd, checkpoint.id, { version: 2, status: 'PREPARING' });
    await updateCheckpoint(bd, checkpoint.id, { version: 3, status: 'FILED' });
    await updateCheckpoint(bd, checkpoint.id, { version: 4, status: 'REJECTED' });
    const flagged = await t.db.rollout.findUniqueOrThrow({ where: { id: rollout.id } });
    expect(flagged.status).toBe('LIVE'); // not paused automatically (docs/decisions/004-gating.md)
    expect(flagged.flaggedReason).toContain(`${checkpoint.regulator} (rejected)`);
    // Each change of the reason is recorded (approval moved to preparing, filed, then rejected).
    expect(await t.db.auditEvent.count({ where: { entityId: rollout.id, action: 'rollout.flagged' } })).toBe(3);

    await updateCheckpoint(bd, checkpoint.id, { version: 5, status: 'PREPARING' });
    await updateCheckpoint(bd, checkpoint.id, { version: 6, status: 'FILED' });
    await updateCheckpoint(bd, checkpoint.id, { version: 7, status: 'APPROVED' });
    expect((await t.db.rollout.findUniqueOrThrow({ where: { id: rollout.id } })).flaggedReason).toBeNull();
    expect(await t.db.auditEvent.count({ where: { entityId: rollout.id, action: 'rollout.flag-cleared' } })).toBe(1);
  });
});

describe('no lost updates', () => {
  it.each([
    ['milestone', async () => (await createMilestone(t.db, { partnershipId })).id, (id: string, i: number) => updateMilestone(bd, id, { version: 1, title: `Title ${i}` })],
    ['checkpoint', async () => (await createCheckpoint(t.db, { partnershipId })).id, (id: string, i: number) => updateCheckpoint(bd, id, { version: 1, notes: `Note ${i}` })],
    ['rollout', async () => (await gatedRollout()).rollout.id, (id: string, i: number) => updateRollout(bd, id, { version: 1, notes: `Note ${i}` })],
  ] as const)('%s: of 8 simultaneous edits from the same version exactly one wins, the rest get 409', async (_name, make, edit) => {
    const id = await make();
    const results = await Promise.allSettled(Array.from({ length: 8 }, (_, i) => edit(id, i)));
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(7);
    for (const l of lost) expect(l.reason).toMatchObject({ status: 409 });
    expect(await t.db.auditEvent.count({ where: { entityId: id } })).toBe(1);
  });
});
