import { describe, expect, it } from 'vitest';
import type { MilestoneRow } from '@/lib/dashboard';
import { DONE_SHOWN, foldMilestones } from '@/lib/milestone-fold';

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
