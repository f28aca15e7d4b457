import type { MilestoneRow } from './dashboard';

/** Completed milestones the dashboard's timeline shows before folding the earlier ones away. */
export const DONE_SHOWN = 3;
/** A timeline folds only when it would hide more than this many completed milestones. */
const FOLD_AT_LEAST = 3;

/**
 * The timeline as an executive reads it: everything still open, and the last few completed
 * milestones for context; the earlier completed ones fold into one line ("Show 117 earlier
 * completed milestones"), sent only when asked (`?milestones=all`). A partnership with years of
 * history otherwise sent every finished step with each dashboard view (issue 14, goal 4).
 */
export function foldMilestones(milestones: MilestoneRow[], showAll: boolean): { shown: MilestoneRow[]; folded: number } {
  const done = milestones.filter((m) => m.status === 'DONE');
  const fold = done.length - DONE_SHOWN;
  if (showAll || fold < FOLD_AT_LEAST) return { shown: milestones, folded: 0 };
  const hidden = new Set(done.slice(0, fold).map((m) => m.id));
  return { shown: milestones.filter((m) => !hidden.has(m.id)), folded: fold };
}
