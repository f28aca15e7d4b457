import { daysBetween, type IsoDay } from '@/lib/dates';

/**
 * How many days a milestone has slipped: how far its due date moved from the first plan, plus
 * any lateness past the current due date (done late, or still open after it). Never negative;
 * null without a due date. The ONE slip figure: the milestone timeline and "since your last
 * review" both show this number (issue 13, finding 4: they said 20 and 14 for the same milestone).
 */
export function milestoneSlipDays(
  m: { originalDueOn: IsoDay | null; dueOn: IsoDay | null; completedOn: IsoDay | null; done: boolean },
  today: IsoDay,
): number | null {
  if (!m.dueOn) return null;
  const moved = m.originalDueOn ? daysBetween(m.originalDueOn, m.dueOn) : 0;
  const end = m.completedOn ?? (m.done ? null : today);
  const late = end ? Math.max(0, daysBetween(m.dueOn, end)) : 0;
  return Math.max(0, moved + late);
}

/** "slipped 20 days" / "on schedule": the words for that figure, shared by both views. */
export function slipWords(days: number | null): string {
  if (days === null) return 'no due date';
  if (days === 0) return 'on schedule';
  return `slipped ${days} day${days === 1 ? '' : 's'}`;
}
