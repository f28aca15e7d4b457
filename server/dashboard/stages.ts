import 'server-only';
import { dateToDay, type IsoDay } from '@/lib/dates';
import type { ChartEvent, StageHistoryRow, StageStatus } from '@/lib/dashboard';
import { STAGE_LABELS } from '@/lib/domain';
import { stageAge, stageMoves } from '@/lib/rules/stages';
import type { PartnershipGraph } from './graph';

/**
 * Where the deal stands (issue 12, item 3): its stage, the day it began, days in it and whether that
 * is longer than the stage's threshold. Counted in calendar days (UTC) against the dashboard's
 * `today`, so a test with a fixed day and the page agree.
 */
export function stageStatus(p: PartnershipGraph, today: IsoDay): StageStatus {
  const since = dateToDay(p.stageChangedAt);
  const age = stageAge(p.stage, since, today);
  return { stage: p.stage, since, days: age.days, limitDays: age.limit, overdue: age.overdue, signedOn: p.signedOn ? dateToDay(p.signedOn) : null };
}

/** The stage history, newest first, with the days spent in each stage it entered. */
export function stageHistoryRows(p: PartnershipGraph, today: IsoDay): StageHistoryRow[] {
  return stageMoves(p.stageChanges.map((c) => ({ ...c, by: c.actor?.name ?? c.actorLabel })), today);
}

/** A stage move as the chart's deal-event label ("Stage: Negotiating → On hold"). */
export function stageEventLabel(from: StageHistoryRow['from'], to: StageHistoryRow['to']): string {
  return from ? `Stage: ${STAGE_LABELS[from]} → ${STAGE_LABELS[to]}` : `Opened at ${STAGE_LABELS[to]}`;
}

/** Stage moves as deal events for the activation chart (days only; the chart adds the period). */
export function stageEvents(p: PartnershipGraph): Omit<ChartEvent, 'period'>[] {
  return p.stageChanges.map((c) => ({ day: dateToDay(c.changedAt), kind: 'stage' as const, label: stageEventLabel(c.fromStage, c.toStage) }));
}
