import type { CheckpointStatus, RolloutStatus } from '@/lib/domain';

/**
 * Allowed status moves, in one place (issue 5). The UI offers only these; the server refuses the
 * rest. A checkpoint cannot jump from not started to approved: it is prepared, filed, reviewed.
 */
export const CHECKPOINT_TRANSITIONS: Record<CheckpointStatus, readonly CheckpointStatus[]> = {
  NOT_STARTED: ['PREPARING'],
  PREPARING: ['FILED', 'NOT_STARTED'],
  FILED: ['UNDER_REVIEW', 'APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED', 'PREPARING'],
  UNDER_REVIEW: ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED', 'FILED'],
  APPROVED: ['PREPARING'], // renewal
  APPROVED_WITH_CONDITIONS: ['APPROVED', 'PREPARING'], // conditions lifted, or renewal
  REJECTED: ['PREPARING'], // refile
};

export const ROLLOUT_TRANSITIONS: Record<RolloutStatus, readonly RolloutStatus[]> = {
  PLANNED: ['PILOT', 'LIVE', 'WITHDRAWN'],
  PILOT: ['LIVE', 'PAUSED', 'PLANNED', 'WITHDRAWN'],
  LIVE: ['PAUSED', 'WITHDRAWN'],
  PAUSED: ['PILOT', 'LIVE', 'PLANNED', 'WITHDRAWN'],
  WITHDRAWN: ['PLANNED'],
};

/** Moves that put a region in front of customers: gated by checkpoints and milestones. */
export const LAUNCH_STATUSES: readonly RolloutStatus[] = ['PILOT', 'LIVE'];

export function canMove<S extends string>(table: Record<S, readonly S[]>, from: S, to: S): boolean {
  return from === to || table[from].includes(to);
}
