import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor, type Actor } from '@/server/auth/actor';
import { createCheckpointCommand } from '@/server/checkpoints/commands';
import { rolloutGatesCommand } from '@/server/rollouts/commands';
import { createCheckpoint } from '@/server/checkpoints/create';
import { setRolloutGates } from '@/server/rollouts/gates';
import { updateRollout } from '@/server/rollouts/mutations';
import { createMilestone, createPartnership, createRollout, createUser, ensureRegion } from '@/tests/factories/builders';
import { approvedBy } from '@/tests/support/four-eyes';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
let bd: Actor;
let slug: string;
let partnershipId: string;
beforeAll(async () => {
  t = await openTestDatabase();
  const user = await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' });
  bd = userActor(user);
  const p = await createPartnership(t.db, { ownerId: user.id, slug: 'gates-test' });
  slug = p.slug;
  partnershipId = p.id;
});
afterAll(() => t?.close());

describe('creating checkpoints and choosing what gates a region', () => {
  it('creates a checkpoint (audited) and validates the form with per-field messages', async () => {
    const c = await createCheckpoint(bd, { partnershipSlug: slug, regulator: 'Reserve Bank', jurisdiction: 'IN', requirement: 'Payment aggregator licence', risk: 'HIGH', decisionDueOn: '2027-03-01' });
    expect(c).toMatchObject({ status: 'NOT_STARTED', jurisdiction: 'IN', risk: 'HIGH', decisionDueOn: '2027-03-01', version: 1 });
    expect(await t.db.auditEvent.count({ where: { entityId: c.id, action: 'checkpoint.created' } })).toBe(1);
    const bad = await createCheckpointCommand(bd, { partnershipSlug: slug, regulator: '', jurisdiction: 'india', requirement: '' });
    expect(bad).toMatchObject({ status: 'error', code: 422 });
    expect(Object.keys((bad as { fieldErrors: object }).fieldErrors).sort()).toEqual(['jurisdiction', 'regulator', 'requirement']);
  });

  it('sets gates, which gating then enforces; a gate change on a live region re-evaluates its flag', async () => {
    const region = await ensureRegion(t.db, { code: 'IN', name: 'India', timeZone: 'Asia/Kolkata' });
    const rollout = await createRollout(t.db, { partnershipId, regionId: region.id });
    const c = await createCheckpoint(bd, { partnershipSlug: slug, regulator: 'NPCI', jurisdiction: 'IN', requirement: 'UPI onboarding', risk: 'MEDIUM' });
    const m = await createMilestone(t.db, { partnershipId, title: 'Local acquirer contract' });
    const gated = await setRolloutGates(bd, { id: rollout.id, version: 1, checkpointIds: [c.id], milestoneIds: [m.id] });
    expect(gated).toMatchObject({ checkpointIds: [c.id], milestoneIds: [m.id], version: 2 });
    await expect(updateRollout(bd, rollout.id, { version: 2, status: 'PILOT' })).rejects.toMatchObject({ status: 422 });
    // Clear the gates, launch, then gate the live region on the unapproved checkpoint: flagged.
    await setRolloutGates(bd, { id: rollout.id, version: 2, checkpointIds: [], milestoneIds: [] });
    // Going live waits for an executive (issue 17).
    const executive = userActor(await createUser(t.db, { role: 'EXECUTIVE' }));
    await approvedBy(executive, await updateRollout(bd, rollout.id, { version: 3, status: 'LIVE' }));
    const live = await setRolloutGates(bd, { id: rollout.id, version: 4, checkpointIds: [c.id], milestoneIds: [] });
    expect(live.flaggedReason).toContain('NPCI (not started)');
    await expect(setRolloutGates(bd, { id: rollout.id, version: 4, checkpointIds: [], milestoneIds: [] })).rejects.toMatchObject({ status: 409 });
    const other = await createPartnership(t.db, { ownerId: bd.userId!, slug: 'other-deal' });
    const foreign = await createMilestone(t.db, { partnershipId: other.id, title: 'Not ours' });
    const refused = await rolloutGatesCommand(bd, { id: rollout.id, version: String(live.version), milestoneIds: [foreign.id] });
    expect(refused).toMatchObject({ status: 'error', code: 422 });
  });
});
