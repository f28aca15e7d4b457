import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, todayIn } from '@/lib/dates';
import { userActor, type Actor } from '@/server/auth/actor';
import { createCheckpointCommand, deleteCheckpointCommand } from '@/server/checkpoints/commands';
import { createMilestoneCommand, updateMilestoneCommand } from '@/server/milestones/commands';
import { updateRolloutCommand } from '@/server/rollouts/commands';
import { createCheckpoint, createMilestone, createPartnership, createRollout, createUser, ensureRegion } from '@/tests/factories/builders';
import { approvedBy } from '@/tests/support/four-eyes';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 13, finding 1: rename a milestone, delete a checkpoint, set a rollout's actual launch date,
// and a create form submitted twice does not make a duplicate. Runs on PGlite and PostgreSQL.
let t: TestDatabase;
let bd: Actor;
let partnershipId: string;
let slug: string;
beforeAll(async () => {
  t = await openTestDatabase();
  const user = await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' });
  bd = userActor(user);
  const p = await createPartnership(t.db, { ownerId: user.id });
  partnershipId = p.id;
  slug = (await t.db.partnership.findUniqueOrThrow({ where: { id: p.id }, select: { slug: true } })).slug;
});
afterAll(() => t?.close());

const audits = (entityId: string) => t.db.auditEvent.findMany({ where: { entityId }, orderBy: { id: 'asc' } });
let n = 0;
async function region(timeZone = 'UTC') {
  return ensureRegion(t.db, { code: `Z${++n}`, name: `Zone ${n}`, timeZone });
}

describe('rename a milestone', () => {
  it('saves the new title with one audit row, and refuses a stale version with 409', async () => {
    const m = await createMilestone(t.db, { partnershipId, title: 'Term sheet' });
    const ok = await updateMilestoneCommand(bd, { id: m.id, version: '1', title: '  Term sheet signed  ' });
    expect(ok).toMatchObject({ status: 'success', message: 'Saved "Term sheet signed".' });
    const events = await audits(m.id);
    expect(events.map((e) => [e.action, e.before, e.after])).toEqual([['milestone.updated', { title: 'Term sheet' }, { title: 'Term sheet signed' }]]);
    const stale = await updateMilestoneCommand(bd, { id: m.id, version: '1', title: 'Something else' });
    expect(stale).toMatchObject({ status: 'error', code: 409 });
    expect((await t.db.milestone.findUniqueOrThrow({ where: { id: m.id } })).title).toBe('Term sheet signed');
  });

  it('refuses control characters, line breaks, a blank title and a title another milestone has', async () => {
    const m = await createMilestone(t.db, { partnershipId, title: 'Pilot design' });
    await createMilestone(t.db, { partnershipId, title: 'Pilot launch' });
    for (const title of ['bad\u0000title', 'two\nlines', '   ', 'PILOT LAUNCH', 'x'.repeat(201)]) {
      const result = await updateMilestoneCommand(bd, { id: m.id, version: '1', title });
      expect(result, JSON.stringify(title)).toMatchObject({ status: 'error', code: 422 });
      expect(Object.keys((result as { fieldErrors: object }).fieldErrors).join()).toMatch(/title/);
    }
    expect(await audits(m.id)).toEqual([]);
    // Right-to-left marks and 200 characters without a space are a title like any other.
    const odd = `\u202Eevil\u202C ${'w'.repeat(150)}`;
    expect(await updateMilestoneCommand(bd, { id: m.id, version: '1', title: odd })).toMatchObject({ status: 'success' });
  });
});

describe('the add forms submitted twice', () => {
  it('a second "Add milestone" with the same title is refused: one milestone, one audit row', async () => {
    const form = { partnershipSlug: slug, title: 'Security review', dueOn: '', ownerId: '', dependsOnIds: [] };
    expect(await createMilestoneCommand(bd, form)).toMatchObject({ status: 'success' });
    expect(await createMilestoneCommand(bd, { ...form, title: 'security review ' })).toMatchObject({ status: 'error', code: 422 });
    expect(await t.db.milestone.count({ where: { partnershipId, title: { equals: 'Security review', mode: 'insensitive' } } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: 'milestone.created', after: { path: ['title'], equals: 'Security review' } } })).toBe(1);
  });

  it('a second "Add checkpoint" with the same regulator and requirement is refused', async () => {
    const form = { partnershipSlug: slug, regulator: 'Monetary Authority', jurisdiction: 'hk', requirement: 'Stored-value licence', risk: 'HIGH', decisionDueOn: '' };
    expect(await createCheckpointCommand(bd, form)).toMatchObject({ status: 'success' });
    expect(await createCheckpointCommand(bd, form)).toMatchObject({ status: 'error', code: 422 });
    expect(await t.db.regulatoryCheckpoint.count({ where: { partnershipId, regulator: 'Monetary Authority' } })).toBe(1);
  });
});

describe('delete a checkpoint', () => {
  it('deletes it, removes its gate from each region in the same transaction, and audits both', async () => {
    const doomed = await createCheckpoint(t.db, { partnershipId, regulator: 'Data office', status: 'REJECTED', filedOn: '2026-01-02', decidedOn: '2026-02-01' });
    const kept = await createCheckpoint(t.db, { partnershipId, regulator: 'Central bank', status: 'APPROVED', filedOn: '2026-01-02', decidedOn: '2026-02-01' });
    // A live region flagged because the doomed checkpoint was rejected after launch.
    const live = await createRollout(t.db, { partnershipId, regionId: (await region()).id, status: 'LIVE', actualLaunchOn: '2026-03-01', gateCheckpointIds: [doomed.id, kept.id] });
    await t.db.rollout.update({ where: { id: live.id }, data: { flaggedReason: 'Gating approval no longer holds: Data office (rejected)' } });
    const result = await deleteCheckpointCommand(bd, { id: doomed.id, version: '1' });
    expect(result).toMatchObject({ status: 'success' });
    expect((result as { message: string }).message).toMatch(/^Deleted Data office; it no longer gates Zone \d+\.$/);
    expect(await t.db.regulatoryCheckpoint.findUnique({ where: { id: doomed.id } })).toBeNull();
    const after = await t.db.rollout.findUniqueOrThrow({ where: { id: live.id }, include: { gateCheckpoints: true } });
    expect(after.gateCheckpoints.map((g) => g.checkpointId)).toEqual([kept.id]);
    expect(after.flaggedReason).toBeNull(); // the lapsed approval no longer gates it
    expect(after.version).toBeGreaterThan(1);
    expect((await audits(doomed.id)).map((e) => [e.action, (e.before as { regulator: string }).regulator, e.after])).toEqual([['checkpoint.deleted', 'Data office', null]]);
    expect((await audits(live.id)).map((e) => e.action)).toEqual(['rollout.gates-changed', 'rollout.flag-cleared']);
  });

  it('refuses a stale version with 409 and an unknown id with 404, deleting nothing', async () => {
    const c = await createCheckpoint(t.db, { partnershipId, regulator: 'Competition office' });
    await t.db.regulatoryCheckpoint.update({ where: { id: c.id }, data: { version: 2 } });
    expect(await deleteCheckpointCommand(bd, { id: c.id, version: '1' })).toMatchObject({ status: 'error', code: 409 });
    expect(await deleteCheckpointCommand(bd, { id: 'nope', version: '1' })).toMatchObject({ status: 'error', code: 404 });
    expect(await t.db.regulatoryCheckpoint.findUnique({ where: { id: c.id } })).not.toBeNull();
    expect(await audits(c.id)).toEqual([]);
  });
});

describe("a rollout's actual launch date", () => {
  const today = todayIn('UTC');
  it('sets the day a live region launched, audited; a stale version is 409', async () => {
    const r = await createRollout(t.db, { partnershipId, regionId: (await region()).id, status: 'LIVE', actualLaunchOn: '2026-03-10' });
    const ok = await updateRolloutCommand(bd, { id: r.id, version: '1', status: 'LIVE', actualLaunchOn: '2026-03-02' });
    expect(ok).toMatchObject({ status: 'success' });
    expect((await audits(r.id)).map((e) => [e.action, e.before, e.after])).toEqual([['rollout.updated', { actualLaunchOn: '2026-03-10' }, { actualLaunchOn: '2026-03-02' }]]);
    expect(await updateRolloutCommand(bd, { id: r.id, version: '1', actualLaunchOn: '2026-03-01' })).toMatchObject({ status: 'error', code: 409 });
  });

  it('refuses a future day, a day before the pilot, clearing it while live, and a date on a planned region', async () => {
    const live = await createRollout(t.db, { partnershipId, regionId: (await region()).id, status: 'LIVE', actualPilotOn: '2026-02-01', actualLaunchOn: '2026-03-10' });
    const planned = await createRollout(t.db, { partnershipId, regionId: (await region()).id, status: 'PLANNED' });
    const cases: [string, Record<string, string>, RegExp][] = [
      [live.id, { actualLaunchOn: addDays(today, 2) }, /cannot be in the future/],
      [live.id, { actualLaunchOn: '2026-01-15' }, /before the pilot started/],
      [live.id, { actualLaunchOn: '' }, /live region needs the day it launched/],
      [planned.id, { actualLaunchOn: '2026-01-15' }, /Only a region that has gone live/],
      [live.id, { actualLaunchOn: '2026-02-30' }, /date like/],
    ];
    for (const [id, patch, message] of cases) {
      const result = await updateRolloutCommand(bd, { id, version: '1', ...patch });
      expect(result, JSON.stringify(patch)).toMatchObject({ status: 'error', code: 422 });
      expect(JSON.stringify(result)).toMatch(message);
    }
    expect(await audits(live.id)).toEqual([]);
    expect(await audits(planned.id)).toEqual([]);
  });

  it('going live with the field empty records today in the region; with a day, that day', async () => {
    // Going live waits for an executive (issue 17): the form says "Sent for approval"; the day is
    // recorded when the launch is approved.
    const executive = userActor(await createUser(t.db, { role: 'EXECUTIVE' }));
    const approve = async (result: Awaited<ReturnType<typeof updateRolloutCommand>>) => {
      expect(result).toMatchObject({ status: 'success', message: expect.stringMatching(/^Sent for approval: Zone \d+ goes live\./) });
      await approvedBy(executive, (result as { data: Parameters<typeof approvedBy>[1] }).data);
    };
    const tokyo = await createRollout(t.db, { partnershipId, regionId: (await region('Asia/Tokyo')).id, status: 'PLANNED' });
    await approve(await updateRolloutCommand(bd, { id: tokyo.id, version: '1', status: 'LIVE', actualLaunchOn: '' }));
    const day = (await t.db.rollout.findUniqueOrThrow({ where: { id: tokyo.id } })).actualLaunchOn!.toISOString().slice(0, 10);
    expect([today, todayIn('Asia/Tokyo')]).toContain(day);
    const other = await createRollout(t.db, { partnershipId, regionId: (await region()).id, status: 'PLANNED' });
    await approve(await updateRolloutCommand(bd, { id: other.id, version: '1', status: 'LIVE', actualLaunchOn: '2026-01-05' }));
    expect((await t.db.rollout.findUniqueOrThrow({ where: { id: other.id } })).actualLaunchOn!.toISOString().slice(0, 10)).toBe('2026-01-05');
  });
});
