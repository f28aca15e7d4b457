import { describe, expect, it } from 'vitest';
import type { CheckpointCard, MilestoneRow, RolloutRow } from '@/lib/dashboard';
import { checkpointSettled, DONE_SHOWN, foldCheckpoints, foldMilestones, foldRollouts } from '@/lib/dashboard-fold';
import { SETTLED_SHOWN } from '@/lib/fold';
import { rolloutReadiness } from '@/lib/rules/rollouts';

const row = (i: number, status: MilestoneRow['status']): MilestoneRow => ({
  id: `m${i}`, title: `Milestone ${i}`, status, owner: null, dueOn: null, originalDueOn: null, completedOn: null, slipDays: null, blockedReason: null,
});

describe('the dashboard timeline folds earlier completed milestones', () => {
  it('keeps every open milestone and the last completed ones; says how many it folded', () => {
    const list = [...Array.from({ length: 10 }, (_, i) => row(i, 'DONE')), row(10, 'IN_PROGRESS'), row(11, 'DONE'), row(12, 'BLOCKED'), row(13, 'NOT_STARTED')];
    const { shown, folded } = foldMilestones(list, false);
    expect(folded).toBe(11 - DONE_SHOWN);
    expect(shown.map((m) => m.id)).toEqual(['m8', 'm9', 'm10', 'm11', 'm12', 'm13']);
    expect(shown.length + folded).toBe(list.length);
  });

  it('shows everything when asked, or when folding would hide only a few', () => {
    const many = Array.from({ length: 12 }, (_, i) => row(i, 'DONE'));
    expect(foldMilestones(many, true)).toEqual({ shown: many, folded: 0 });
    const few = [...Array.from({ length: DONE_SHOWN + 2 }, (_, i) => row(i, 'DONE')), row(99, 'IN_PROGRESS')];
    expect(foldMilestones(few, false)).toEqual({ shown: few, folded: 0 });
    const open = Array.from({ length: 30 }, (_, i) => row(i, 'NOT_STARTED'));
    expect(foldMilestones(open, false)).toEqual({ shown: open, folded: 0 });
  });
});

const region = (i: number, status: RolloutRow['status'], launchedOn: string | null, extra: Partial<RolloutRow> = {}): RolloutRow => ({
  id: `r${i}`, region: `R${i}`, regionName: `Region ${i}`, status, plannedLaunchOn: null, actualLaunchOn: launchedOn, plannedPilotOn: null, actualPilotOn: null,
  readiness: rolloutReadiness(status, []), flaggedReason: null, ...extra,
});

const checkpoint = (i: number, status: CheckpointCard['status'], decidedOn: string | null, extra: Partial<CheckpointCard> = {}): CheckpointCard => ({
  id: `c${i}`, regulator: `Regulator ${i}`, jurisdiction: 'XX', requirement: 'Licence', status, risk: 'LOW', decisionDueOn: null, decidedOn,
  decisionOverdue: false, evidence: 'valid', evidenceExpiresOn: null, conditions: null, staleDays: null, ...extra,
});

describe('the rollout table folds earlier launches with nothing open', () => {
  it('keeps every region on its way or with something open, and the three latest launches', () => {
    const lapsed = { kind: 'checkpoint' as const, id: 'x', name: 'Licence', reason: 'Evidence expired' };
    const rows = [
      ...Array.from({ length: 8 }, (_, i) => region(i, 'LIVE', `2020-01-${String(10 + i).padStart(2, '0')}`)),
      region(20, 'PLANNED', null),
      region(21, 'LIVE', '2019-01-01', { readiness: { state: 'live', blockers: [lapsed], lapsed: [lapsed] } }),
      region(22, 'LIVE', '2019-01-02', { flaggedReason: 'Launch date before approval' }),
      region(23, 'PILOT', null),
    ];
    const { shown, folded } = foldRollouts(rows, false);
    expect(folded).toBe(5);
    // The latest launches (r5–r7) stay, in the table's own order; nothing unsettled is folded.
    expect(shown.map((r) => r.id)).toEqual(['r5', 'r6', 'r7', 'r20', 'r21', 'r22', 'r23']);
    expect(foldRollouts(rows, true)).toEqual({ shown: rows, folded: 0 });
  });
});

describe('the regulatory board folds earlier approvals with nothing open', () => {
  it('keeps open, conditional and flagged checkpoints, and the three latest approvals', () => {
    const cards = [
      ...Array.from({ length: 7 }, (_, i) => checkpoint(i, 'APPROVED', `2021-0${i + 1}-01`)),
      checkpoint(10, 'APPROVED_WITH_CONDITIONS', '2018-01-01', { conditions: 'Quarterly report' }),
      checkpoint(11, 'APPROVED', '2018-01-01', { evidence: 'expiring' }),
      checkpoint(12, 'APPROVED', '2018-01-01', { evidence: 'expired' }),
      checkpoint(13, 'APPROVED', '2018-01-01', { staleDays: 120 }),
      checkpoint(14, 'UNDER_REVIEW', null, { decisionOverdue: true }),
      checkpoint(15, 'REJECTED', '2018-02-01'),
    ];
    const { shown, folded } = foldCheckpoints(cards, false);
    expect(folded).toBe(4);
    expect(shown.map((c) => c.id)).toEqual(['c4', 'c5', 'c6', 'c10', 'c11', 'c12', 'c13', 'c14', 'c15']);
    expect(checkpointSettled(cards[0]!)).toBe(true);
    expect(cards.slice(7).some(checkpointSettled)).toBe(false);
  });

  it('a few approvals are shown as they are', () => {
    const cards = Array.from({ length: SETTLED_SHOWN + 2 }, (_, i) => checkpoint(i, 'APPROVED', '2021-01-01'));
    expect(foldCheckpoints(cards, false)).toEqual({ shown: cards, folded: 0 });
  });
});
