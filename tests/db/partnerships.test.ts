import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PARTNERSHIP_STAGES, type PartnershipStage, type Role } from '@/lib/domain';
import { STAGE_GRAPH } from '@/lib/rules/stages';
import type { Actor } from '@/server/auth/actor';
import { createPartnershipCommand, moveStageCommand, updatePartnershipCommand } from '@/server/partnerships/commands';
import { createPartnership, updatePartnership } from '@/server/partnerships/mutations';
import { movePartnershipStage } from '@/server/partnerships/stage';
import { addMetricSeries, createCheckpoint, createMilestone, createRollout, ensureMetrics, ensureRegion } from '@/tests/factories/builders';
import { actorsByRole } from '@/tests/support/actors';
import { approvedBy } from '@/tests/support/four-eyes';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
let actors: Record<Role, Actor>;
beforeAll(async () => {
  t = await openTestDatabase();
  actors = await actorsByRole(t.db);
});
afterAll(() => t?.close());

/** Every table a partnership command may write, as one string: equal strings, nothing written. */
async function fingerprint() {
  const [row] = await t.db.$queryRaw<{ f: string }[]>`
    SELECT concat_ws('|',
      (SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0), ':', string_agg(stage::text, ',' ORDER BY id)) FROM partnerships),
      (SELECT COUNT(*) FROM partnership_parties), (SELECT COUNT(*) FROM organizations), (SELECT COUNT(*) FROM stage_changes),
      (SELECT COUNT(*) FROM milestones), (SELECT COUNT(*) FROM regulatory_checkpoints), (SELECT COUNT(*) FROM rollouts),
      (SELECT COUNT(*) FROM metric_values), (SELECT COUNT(*) FROM metric_targets), (SELECT COUNT(*) FROM audit_events)) AS f`;
  return row!.f;
}
const auditCount = () => t.db.auditEvent.count();

let n = 0;
const PARTIES = [
  { organization: 'Apple Inc.', role: 'Wallet platform' },
  { organization: 'Alibaba Group', role: 'Payment provider' },
];
const newInput = (extra: Record<string, unknown> = {}) => ({ name: `Deal ${++n}`, openedOn: '2024-01-10', parties: PARTIES, ...extra });

/** The form's fields, as the create page posts them. */
const createForm = (extra: Record<string, string> = {}) => ({
  name: `Form deal ${++n}`, slug: '', openedOn: '2024-02-01', stage: 'EXPLORING', ownerEmail: '', summary: '',
  partyOrganization: ['Orbit Wallet', 'Harbor Bank'], partyRole: ['Wallet platform', 'Card issuer'], ...extra,
});

describe('create a partnership', () => {
  it('business development and administrators may; one audit row; stage history starts', async () => {
    for (const role of ['BUSINESS_DEVELOPMENT', 'ADMIN'] as const) {
      const before = await auditCount();
      const result = await createPartnershipCommand(actors[role], createForm());
      expect(result.status, JSON.stringify(result)).toBe('success');
      expect(await auditCount()).toBe(before + 1);
      const record = (result as { data: { slug: string; stageHistory: unknown[]; parties: unknown[]; owner: { email: string } } }).data;
      expect(record.slug).toMatch(/^form-deal-\d+$/);
      expect(record.stageHistory).toHaveLength(1);
      expect(record.parties).toEqual([{ organization: 'Orbit Wallet', role: 'Wallet platform' }, { organization: 'Harbor Bank', role: 'Card issuer' }]);
      expect(record.owner.email).toBe(actors[role].label);
    }
  });

  it('executives and analysts may not: 403 and nothing written', async () => {
    for (const role of ['EXECUTIVE', 'ANALYST'] as const) {
      const before = await fingerprint();
      const result = await createPartnershipCommand(actors[role], createForm());
      expect(result).toMatchObject({ status: 'error', code: 403 });
      expect(await fingerprint()).toBe(before);
    }
  });

  it('refuses bad input with field messages and writes nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ partyOrganization: ['Only one'], partyRole: ['Alone'] }, 'parties'],
      [{ partyOrganization: ['Same', 'same'], partyRole: ['A', 'B'] }, 'parties'],
      [{ name: 'Bad\u0000name' }, 'name'],
      [{ name: 'x'.repeat(2000) }, 'name'],
      [{ slug: 'Not A Slug' }, 'slug'],
      [{ openedOn: '2024-02-30' }, 'openedOn'],
      [{ targetLaunchOn: '2023-01-01' }, 'targetLaunchOn'],
      [{ stage: 'SIGNED' }, 'signedOn'],
      [{ stage: 'ENDED' }, 'stage'],
      [{ ownerEmail: 'nobody@example.test' }, 'ownerEmail'],
      [{ template: 'no-such-deal' }, 'template'],
    ];
    for (const [extra, field] of cases) {
      const before = await fingerprint();
      const result = await createPartnershipCommand(actors.BUSINESS_DEVELOPMENT, createForm(extra as Record<string, string>));
      expect(result.status, field).toBe('error');
      expect((result as { code: number }).code, field).toBe(422);
      expect(Object.keys((result as { fieldErrors?: object }).fieldErrors ?? {}).join(','), JSON.stringify(result)).toContain(field);
      expect(await fingerprint(), field).toBe(before);
    }
  });

  it('a taken web address answers 409 with a clear message, and writes nothing', async () => {
    await createPartnership(actors.BUSINESS_DEVELOPMENT, newInput({ slug: 'taken-address' }));
    const before = await fingerprint();
    await expect(createPartnership(actors.BUSINESS_DEVELOPMENT, newInput({ slug: 'taken-address' }))).rejects.toMatchObject({ status: 409, message: expect.stringContaining('"taken-address" is already used') });
    expect(await fingerprint()).toBe(before);
  });

  it('two simultaneous creates with one web address: one wins, the other gets 409', async () => {
    const results = await Promise.allSettled([0, 1, 2].map((i) => createPartnership(actors.BUSINESS_DEVELOPMENT, newInput({ slug: 'race-address', name: `Race ${i}` }))));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results.filter((x) => x.status === 'rejected')) expect((r as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    expect(await t.db.partnership.count({ where: { slug: 'race-address' } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: 'partnership.created', after: { path: ['slug'], equals: 'race-address' } } })).toBe(1);
  });

  it('finds organizations by name (any case) and creates the new ones', async () => {
    const before = await t.db.organization.count();
    await createPartnership(actors.BUSINESS_DEVELOPMENT, newInput({ parties: [{ organization: 'apple inc.', role: 'Wallet' }, { organization: 'Brand New Bank', role: 'Issuer' }] }));
    expect(await t.db.organization.count()).toBe(before + 1);
    expect(await t.db.organization.count({ where: { name: 'apple inc.' } })).toBe(0);
  });
});

describe('start from a template', () => {
  it('copies milestones, checkpoints, regions and gates with ids remapped and dates shifted; never metrics, targets or history', async () => {
    const source = await createPartnership(actors.BUSINESS_DEVELOPMENT, newInput({ slug: 'template-source', openedOn: '2024-01-10' }));
    const sid = source.id;
    const region = await ensureRegion(t.db, { code: 'HK', name: 'Hong Kong', timeZone: 'Asia/Hong_Kong' });
    const design = await createMilestone(t.db, { partnershipId: sid, title: 'Design', status: 'DONE', dueOn: '2024-02-01', sortOrder: 1 });
    const pilot = await createMilestone(t.db, { partnershipId: sid, title: 'Pilot', status: 'BLOCKED', blockedReason: 'x', dueOn: '2024-03-01', sortOrder: 2, dependsOnIds: [design.id] });
    const gone = await createMilestone(t.db, { partnershipId: sid, title: 'Deleted one', sortOrder: 3 });
    await t.db.milestone.update({ where: { id: gone.id }, data: { deletedAt: new Date() } });
    const hkma = await createCheckpoint(t.db, { partnershipId: sid, regulator: 'HKMA', jurisdiction: 'HK', requirement: 'SVF licence', status: 'APPROVED', risk: 'HIGH', filedOn: '2024-01-20', decidedOn: '2024-02-20' });
    await createRollout(t.db, { partnershipId: sid, regionId: region.id, status: 'LIVE', plannedLaunchOn: '2024-04-01', actualLaunchOn: '2024-04-01', gateCheckpointIds: [hkma.id], gateMilestoneIds: [pilot.id] });
    const metrics = await ensureMetrics(t.db);
    await addMetricSeries(t.db, { partnershipId: sid, regionId: region.id, metricId: metrics.cards_added!.id, points: [{ day: '2024-04-01', value: 5 }] });
    await addMetricSeries(t.db, { partnershipId: sid, regionId: region.id, metricId: metrics.cards_added!.id, points: [{ day: '2024-04-01', value: 7 }], kind: 'target' });

    const before = await auditCount();
    const copy = await createPartnership(actors.BUSINESS_DEVELOPMENT, newInput({ slug: 'from-template', openedOn: '2025-01-10', template: 'template-source' }));
    expect(await auditCount()).toBe(before + 1);
    const milestones = await t.db.milestone.findMany({ where: { partnershipId: copy.id }, orderBy: { sortOrder: 'asc' }, include: { dependsOn: true } });
    expect(milestones.map((m) => [m.title, m.status, m.dueOn?.toISOString().slice(0, 10), m.blockedReason])).toEqual([
      // Opened 366 days later (2024 is a leap year): every date moves by the same 366 days.
      ['Design', 'NOT_STARTED', '2025-02-01', null],
      ['Pilot', 'NOT_STARTED', '2025-03-02', null],
    ]);
    expect(milestones[1]!.dependsOn.map((d) => d.dependsOnId)).toEqual([milestones[0]!.id]);
    const checkpoints = await t.db.regulatoryCheckpoint.findMany({ where: { partnershipId: copy.id } });
    expect(checkpoints.map((c) => [c.regulator, c.jurisdiction, c.requirement, c.risk, c.status, c.filedOn, c.decidedOn])).toEqual([['HKMA', 'HK', 'SVF licence', 'HIGH', 'NOT_STARTED', null, null]]);
    const rollouts = await t.db.rollout.findMany({ where: { partnershipId: copy.id }, include: { gateCheckpoints: true, gateMilestones: true } });
    expect(rollouts).toHaveLength(1);
    expect(rollouts[0]).toMatchObject({ status: 'PLANNED', actualLaunchOn: null });
    expect(rollouts[0]!.plannedLaunchOn?.toISOString().slice(0, 10)).toBe('2025-04-02');
    expect(rollouts[0]!.gateCheckpoints.map((g) => g.checkpointId)).toEqual([checkpoints[0]!.id]);
    expect(rollouts[0]!.gateMilestones.map((g) => g.milestoneId)).toEqual([milestones[1]!.id]);
    expect(await t.db.metricValue.count({ where: { partnershipId: copy.id } })).toBe(0);
    expect(await t.db.metricTarget.count({ where: { partnershipId: copy.id } })).toBe(0);
    expect(await t.db.stageChange.count({ where: { partnershipId: copy.id } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { partnershipId: copy.id } })).toBe(1);
  });
});

describe('edit the record', () => {
  it('saves with one audit row, replaces parties, and refuses a stale version with 409', async () => {
    const p = await createPartnership(actors.BUSINESS_DEVELOPMENT, newInput());
    const before = await auditCount();
    const saved = await updatePartnership(actors.ADMIN, p.slug, { version: 1, name: 'Renamed deal', parties: [{ organization: 'Apple Inc.', role: 'Wallet' }, { organization: 'Third Org', role: 'Acquirer' }], targetLaunchOn: '2026-06-01' });
    expect(saved).toMatchObject({ name: 'Renamed deal', version: 2, targetLaunchOn: '2026-06-01' });
    expect(saved.parties.map((x) => x.organization)).toEqual(['Apple Inc.', 'Third Org']);
    expect(await auditCount()).toBe(before + 1);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: p.id, action: 'partnership.updated' } });
    expect(audit.before).toMatchObject({ name: p.name, targetLaunchOn: null });
    const snapshot = await fingerprint();
    await expect(updatePartnership(actors.BUSINESS_DEVELOPMENT, p.slug, { version: 1, name: 'Stale' })).rejects.toMatchObject({ status: 409 });
    expect(await fingerprint()).toBe(snapshot);
  });

  it('an edit that changes nothing writes nothing', async () => {
    const p = await createPartnership(actors.BUSINESS_DEVELOPMENT, newInput());
    const snapshot = await fingerprint();
    expect(await updatePartnership(actors.BUSINESS_DEVELOPMENT, p.slug, { version: 1, name: p.name })).toMatchObject({ version: 1 });
    expect(await fingerprint()).toBe(snapshot);
  });

  it('the form path: executives are refused with nothing written; a bad date is a field error', async () => {
    const p = await createPartnership(actors.BUSINESS_DEVELOPMENT, newInput());
    const snapshot = await fingerprint();
    expect(await updatePartnershipCommand(actors.EXECUTIVE, { slug: p.slug, version: '1', name: 'Nope' })).toMatchObject({ status: 'error', code: 403 });
    expect(await updatePartnershipCommand(actors.BUSINESS_DEVELOPMENT, { slug: p.slug, version: '1', targetSignOn: '2000-01-01' })).toMatchObject({ status: 'error', code: 422, fieldErrors: { targetSignOn: expect.any(Array) } });
    expect(await fingerprint()).toBe(snapshot);
  });
});

describe('stage graph (lib/rules/stages.ts), enforced on the server for every pair', () => {
  async function dealAt(stage: PartnershipStage) {
    const signed = ['SIGNED', 'INTEGRATING', 'LAUNCHED'].includes(stage);
    const p = await createPartnership(actors.BUSINESS_DEVELOPMENT, newInput({ openedOn: '2020-01-01', signedOn: signed ? '2020-06-01' : undefined, stage: ['ON_HOLD', 'ENDED'].includes(stage) ? 'EXPLORING' : stage }));
    if (stage === 'ON_HOLD' || stage === 'ENDED') {
      // A deal on hold left Launched, so it may resume at any open stage.
      const launched = await createPartnership(actors.BUSINESS_DEVELOPMENT, newInput({ openedOn: '2020-01-01', signedOn: '2020-06-01', stage: 'LAUNCHED' }));
      return approvedBy(actors.EXECUTIVE, await movePartnershipStage(actors.BUSINESS_DEVELOPMENT, launched.slug, { version: 1, to: stage, reason: 'Setting up' }));
    }
    return p;
  }
  for (const from of PARTNERSHIP_STAGES) {
    for (const to of PARTNERSHIP_STAGES) {
      if (from === to) continue;
      const allowed = STAGE_GRAPH[from].includes(to);
      it(`${from} -> ${to}: ${allowed ? 'allowed' : 'refused'}`, async () => {
        const p = await dealAt(from);
        const snapshot = await fingerprint();
        const move = { version: p.version, to, reason: 'Because', signedOn: '2021-01-01' };
        if (allowed) {
          const before = await auditCount();
          // Signed waits for an executive (issue 17): asked, approved, then moved (three audit rows).
          const moved = await approvedBy(actors.EXECUTIVE, await movePartnershipStage(actors.BUSINESS_DEVELOPMENT, p.slug, move));
          expect(moved.stage).toBe(to);
          expect(moved.stageHistory[0]).toMatchObject({ from, to, reason: 'Because' });
          expect(moved.daysInStage).toBe(0);
          expect(await auditCount()).toBe(before + (to === 'SIGNED' ? 3 : 1));
          if (to === 'ENDED') expect(moved.closedOn).not.toBeNull();
          if (from === 'ENDED') expect(moved.closedOn).toBeNull();
        } else {
          await expect(movePartnershipStage(actors.BUSINESS_DEVELOPMENT, p.slug, move)).rejects.toMatchObject({ status: 422, fieldErrors: { to: expect.any(Array) } });
          expect(await fingerprint()).toBe(snapshot);
        }
      });
    }
  }

  it('a move needs what it implies: Signed a date, On hold and Ended a reason, a back-move a reason', async () => {
    const p = await createPartnership(actors.BUSINESS_DEVELOPMENT, newInput({ stage: 'NEGOTIATING' }));
    const snapshot = await fingerprint();
    const refuse = (move: Record<string, unknown>, field: string) =>
      expect(movePartnershipStage(actors.BUSINESS_DEVELOPMENT, p.slug, { version: 1, ...move } as never)).rejects.toMatchObject({ status: 422, fieldErrors: { [field]: expect.any(Array) } });
    await refuse({ to: 'SIGNED' }, 'signedOn');
    await refuse({ to: 'SIGNED', signedOn: '2023-01-01' }, 'signedOn'); // before it was opened
    await refuse({ to: 'ON_HOLD' }, 'reason');
    await refuse({ to: 'ENDED', reason: '   ' }, 'reason');
    await refuse({ to: 'EXPLORING' }, 'reason');
    await refuse({ to: 'ON_HOLD', reason: 'x', movedOn: '2999-01-01' }, 'movedOn');
    expect(await fingerprint()).toBe(snapshot);
    const signed = await approvedBy(actors.EXECUTIVE, await movePartnershipStage(actors.BUSINESS_DEVELOPMENT, p.slug, { version: 1, to: 'SIGNED', signedOn: '2024-05-02' }));
    expect(signed).toMatchObject({ stage: 'SIGNED', signedOn: '2024-05-02', version: 2 });
  });

  it('a deal on hold resumes at the stage it left or earlier, and a move can be recorded after the fact', async () => {
    const p = await createPartnership(actors.BUSINESS_DEVELOPMENT, newInput({ stage: 'NEGOTIATING', openedOn: '2014-10-27' }));
    expect(p.stageHistory[0]).toMatchObject({ from: null, to: 'NEGOTIATING', at: '2014-10-27T00:00:00.000Z' });
    const held = await approvedBy(actors.EXECUTIVE, await movePartnershipStage(actors.BUSINESS_DEVELOPMENT, p.slug, { version: 1, to: 'ON_HOLD', reason: 'Regulatory climate', movedOn: '2015-03-01' }));
    expect(held.stageHistory[0]).toMatchObject({ to: 'ON_HOLD', at: '2015-03-01T00:00:00.000Z' });
    expect(held.daysInStage).toBeGreaterThan(365);
    await expect(movePartnershipStage(actors.BUSINESS_DEVELOPMENT, p.slug, { version: 2, to: 'SIGNED', reason: 'Skip ahead', signedOn: '2016-01-01' })).rejects.toMatchObject({ status: 422, fieldErrors: { to: expect.any(Array) } });
    await expect(movePartnershipStage(actors.BUSINESS_DEVELOPMENT, p.slug, { version: 2, to: 'EXPLORING', reason: 'Too early', movedOn: '2015-01-01' })).rejects.toMatchObject({ fieldErrors: { movedOn: expect.any(Array) } });
    const resumed = await approvedBy(actors.EXECUTIVE, await movePartnershipStage(actors.BUSINESS_DEVELOPMENT, p.slug, { version: 2, to: 'NEGOTIATING', reason: 'Talks resume' }));
    expect(resumed.stageHistory.map((h) => h.to)).toEqual(['NEGOTIATING', 'ON_HOLD', 'NEGOTIATING']);
  });

  it('a stale version is refused with 409; the form path refuses other roles with 403', async () => {
    const p = await createPartnership(actors.BUSINESS_DEVELOPMENT, newInput());
    await movePartnershipStage(actors.BUSINESS_DEVELOPMENT, p.slug, { version: 1, to: 'NEGOTIATING' });
    const snapshot = await fingerprint();
    await expect(movePartnershipStage(actors.BUSINESS_DEVELOPMENT, p.slug, { version: 1, to: 'ON_HOLD', reason: 'x' })).rejects.toMatchObject({ status: 409 });
    expect(await moveStageCommand(actors.ANALYST, { slug: p.slug, version: '2', to: 'ON_HOLD', reason: 'x' })).toMatchObject({ status: 'error', code: 403 });
    expect(await moveStageCommand(actors.EXECUTIVE, { slug: p.slug, version: '2', to: 'ON_HOLD', reason: 'x' })).toMatchObject({ status: 'error', code: 403 });
    expect(await fingerprint()).toBe(snapshot);
    expect(await moveStageCommand(actors.ADMIN, { slug: p.slug, version: '2', to: 'ON_HOLD', reason: 'Paused by the board' })).toMatchObject({ status: 'success' });
  });

  it('two simultaneous moves from one version: exactly one wins', async () => {
    const p = await createPartnership(actors.BUSINESS_DEVELOPMENT, newInput());
    const results = await Promise.allSettled([
      movePartnershipStage(actors.BUSINESS_DEVELOPMENT, p.slug, { version: 1, to: 'NEGOTIATING' }),
      movePartnershipStage(actors.BUSINESS_DEVELOPMENT, p.slug, { version: 1, to: 'ON_HOLD', reason: 'x' }),
      movePartnershipStage(actors.BUSINESS_DEVELOPMENT, p.slug, { version: 1, to: 'ENDED', reason: 'y' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409 });
    expect(await t.db.stageChange.count({ where: { partnershipId: p.id } })).toBe(2);
  });
});
