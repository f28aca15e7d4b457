import { dateToDay, daysBetween, type IsoDay } from '@/lib/dates';
import type { PartnershipStage } from '@/lib/domain';
import { STAGE_LABELS } from '@/lib/domain';

/**
 * The one stage graph of a partnership (issue 12), used by the stage command, the stage form, the
 * pipeline board and the API. Documented in docs/decisions/006-partnership-stages.md.
 *
 *   Exploring → Negotiating → Signed → Integrating → Launched
 *   any open stage → On hold (reason) → back to any open stage up to the one it left
 *   any stage → Ended (reason) → Exploring (reopened, reason)
 *
 * Back-moves the graph allows: Negotiating → Exploring (talks went back to discovery), Signed →
 * Negotiating (the contract was reopened). Each needs a reason, as do On hold and Ended.
 */
export const OPEN_STAGES = ['EXPLORING', 'NEGOTIATING', 'SIGNED', 'INTEGRATING', 'LAUNCHED'] as const satisfies readonly PartnershipStage[];

export const STAGE_GRAPH: Record<PartnershipStage, readonly PartnershipStage[]> = {
  EXPLORING: ['NEGOTIATING', 'ON_HOLD', 'ENDED'],
  NEGOTIATING: ['SIGNED', 'EXPLORING', 'ON_HOLD', 'ENDED'],
  SIGNED: ['INTEGRATING', 'NEGOTIATING', 'ON_HOLD', 'ENDED'],
  INTEGRATING: ['LAUNCHED', 'ON_HOLD', 'ENDED'],
  LAUNCHED: ['ON_HOLD', 'ENDED'],
  ON_HOLD: ['EXPLORING', 'NEGOTIATING', 'SIGNED', 'INTEGRATING', 'LAUNCHED', 'ENDED'],
  ENDED: ['EXPLORING'],
};

/** Stages a new partnership may be opened at (a deal already under way can be recorded as such). */
export const CREATE_STAGES = OPEN_STAGES;

/** Stages from which the deal counts as signed: a signing date is required to be in them. */
export const SIGNED_STAGES: readonly PartnershipStage[] = ['SIGNED', 'INTEGRATING', 'LAUNCHED'];

/**
 * How long a deal may sit in a stage before the portfolio and the board flag it (days). Null: no
 * limit (a launched deal runs for years; an ended one is closed).
 */
export const STAGE_THRESHOLD_DAYS: Record<PartnershipStage, number | null> = {
  EXPLORING: 90,
  NEGOTIATING: 180,
  SIGNED: 60,
  INTEGRATING: 270,
  LAUNCHED: null,
  ON_HOLD: 60,
  ENDED: null,
};

const order = (s: PartnershipStage) => (OPEN_STAGES as readonly PartnershipStage[]).indexOf(s);

/** A move backwards along the open stages (or a reopening): allowed only where the graph says, with a reason. */
export function isBackMove(from: PartnershipStage, to: PartnershipStage): boolean {
  if (from === 'ENDED') return true;
  return order(from) >= 0 && order(to) >= 0 && order(to) < order(from);
}

export type StageMoveRequest = { from: PartnershipStage; to: PartnershipStage; reason?: string | null; signedOn?: string | null; hasSignedOn: boolean; previousOpenStage?: PartnershipStage | null };

/**
 * Why a move is refused, per field ({} when allowed). Pure: the server and the forms share it.
 * `previousOpenStage` is the stage a deal on hold left; resuming may not jump past it.
 */
export function stageMoveProblems(m: StageMoveRequest): Record<string, string> {
  const problems: Record<string, string> = {};
  if (m.from === m.to) return { to: `The partnership is already ${STAGE_LABELS[m.to].toLowerCase()}.` };
  if (!STAGE_GRAPH[m.from].includes(m.to)) {
    const allowed = STAGE_GRAPH[m.from].map((s) => STAGE_LABELS[s]).join(', ');
    return { to: `A partnership cannot move from ${STAGE_LABELS[m.from]} to ${STAGE_LABELS[m.to]}. From ${STAGE_LABELS[m.from]} it can move to: ${allowed}.` };
  }
  if (m.from === 'ON_HOLD' && m.to !== 'ENDED' && m.previousOpenStage && order(m.to) > order(m.previousOpenStage)) {
    problems.to = `This partnership was put on hold while ${STAGE_LABELS[m.previousOpenStage].toLowerCase()}; it can resume at ${STAGE_LABELS[m.previousOpenStage]} or an earlier stage.`;
  }
  if (needsReason(m.from, m.to) && !m.reason?.trim()) {
    problems.reason = m.to === 'ON_HOLD' ? 'Say why the partnership is put on hold.'
      : m.to === 'ENDED' ? 'Say why the partnership ended.'
      : m.from === 'ON_HOLD' ? 'Say why the partnership resumes.'
      : `Say why the partnership goes back to ${STAGE_LABELS[m.to]}.`;
  }
  if (SIGNED_STAGES.includes(m.to) && !m.hasSignedOn && !m.signedOn) problems.signedOn = 'Give the date the agreement was signed.';
  return problems;
}

export function needsReason(from: PartnershipStage, to: PartnershipStage): boolean {
  return to === 'ON_HOLD' || to === 'ENDED' || from === 'ON_HOLD' || isBackMove(from, to);
}

/**
 * Days in the current stage, counted in calendar days (UTC) from the day it began to `today`, and
 * whether that is longer than the stage's threshold. The one rule for the board, the dashboard and
 * the API (the board once counted 24-hour spans from the exact moment and could say one day less).
 */
export function stageAge(stage: PartnershipStage, since: IsoDay, today: IsoDay) {
  const days = Math.max(0, daysBetween(since, today));
  const limit = STAGE_THRESHOLD_DAYS[stage];
  return { days, limit, overdue: limit !== null && days > limit };
}

/** One stage move as every screen and the API show it: the day, who, why, and days spent in `to`. */
export type StageMove = { from: PartnershipStage | null; to: PartnershipStage; on: IsoDay; at: string; by: string; reason: string | null; days: number };

/** Stage moves (newest first) with the days each stage lasted, the current one counted to `today`. */
export function stageMoves(changes: { fromStage: PartnershipStage | null; toStage: PartnershipStage; changedAt: Date; by: string; reason: string | null }[], today: IsoDay): StageMove[] {
  return changes.map((c, i) => {
    const on = dateToDay(c.changedAt);
    const until = i === 0 ? today : dateToDay(changes[i - 1]!.changedAt);
    return { from: c.fromStage, to: c.toStage, on, at: c.changedAt.toISOString(), by: c.by, reason: c.reason, days: Math.max(0, daysBetween(on, until)) };
  });
}
