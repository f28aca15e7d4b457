import type { PartnershipStage } from '@/lib/domain';
import { OPEN_STAGES, SIGNED_STAGES, STAGE_GRAPH, needsReason, stageMoveProblems } from './stages';

/**
 * What the pipeline board and the stage forms offer, derived from the one stage rule in
 * ./stages.ts (never a second copy of it): the moves a card may make, what each move asks for,
 * and the board's columns. The server still decides (server/partnerships/stage.ts).
 */

/** The board's columns: every open stage and On hold; Ended only when the archive is shown. */
export function boardStages(includeEnded: boolean): PartnershipStage[] {
  return [...OPEN_STAGES, 'ON_HOLD', ...(includeEnded ? (['ENDED'] as const) : [])];
}

/**
 * The stages a partnership may move to from `stage`, in graph order. A deal on hold may resume
 * only up to the stage it left (`previousOpenStage`), as stageMoveProblems says.
 */
export function allowedMoves(stage: PartnershipStage, previousOpenStage: PartnershipStage | null = null): PartnershipStage[] {
  return STAGE_GRAPH[stage].filter(
    (to) => !stageMoveProblems({ from: stage, to, reason: 'given', signedOn: 'given', hasSignedOn: true, previousOpenStage }).to,
  );
}

/** What a move needs besides the target: a reason, a signing date (when none is recorded yet). */
export function moveNeeds(from: PartnershipStage, to: PartnershipStage, hasSignedOn: boolean): { reason: boolean; signedOn: boolean } {
  return { reason: needsReason(from, to), signedOn: SIGNED_STAGES.includes(to) && !hasSignedOn };
}

