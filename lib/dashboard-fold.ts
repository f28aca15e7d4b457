import type { CheckpointCard, MilestoneRow, RolloutRow } from './dashboard';
import { foldSettled, SETTLED_SHOWN, type Folded } from './fold';

/** Completed milestones the dashboard's timeline shows before folding the earlier ones away. */
export const DONE_SHOWN = SETTLED_SHOWN;

/**
 * The timeline as an executive reads it: everything still open, and the last few completed
 * milestones (in due order) for context; the earlier completed ones fold (lib/fold.ts).
 */
export function foldMilestones(milestones: MilestoneRow[], showAll: boolean): Folded<MilestoneRow> {
  return foldSettled(milestones, (m) => m.status === 'DONE', { showAll });
}

/** A region is settled once it is live with nothing open: no lapsed approval, no flag. */
export function rolloutSettled(r: RolloutRow): boolean {
  return r.readiness.state === 'live' && r.readiness.lapsed.length === 0 && !r.flaggedReason;
}

/** The rollout table: regions still on their way (or live with something open) and the last few launches. */
export function foldRollouts(rows: RolloutRow[], showAll: boolean): Folded<RolloutRow> {
  return foldSettled(rows, rolloutSettled, { showAll, recency: (r) => r.actualLaunchOn });
}

/**
 * A checkpoint is settled once approved without conditions and nothing about it is open: no
 * evidence expiring or expired, no decision overdue, no stale flag. Conditional approvals stay in
 * view: their conditions are what the deal still owes the regulator.
 */
export function checkpointSettled(c: CheckpointCard): boolean {
  return c.status === 'APPROVED' && c.evidence !== 'expiring' && c.evidence !== 'expired' && !c.decisionOverdue && !c.staleDays;
}

/** The regulatory board: every open or conditional checkpoint and the last few approvals. */
export function foldCheckpoints(cards: CheckpointCard[], showAll: boolean): Folded<CheckpointCard> {
  return foldSettled(cards, checkpointSettled, { showAll, recency: (c) => c.decidedOn });
}
