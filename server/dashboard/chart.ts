import 'server-only';
import { addDays, dateToDay, daysBetween, type IsoDay } from '@/lib/dates';
import type { ActivationChart, ChartEvent } from '@/lib/dashboard';
import { CHECKPOINT_STATUS_LABELS } from '@/lib/domain';
import { granularityFor, PRESET_DAYS, type RangePreset } from '@/lib/granularity';
import { partialPeriods, periodsBetween, periodStart, wholePeriodRange } from '@/lib/periods';
import type { DashboardParams } from '@/lib/schemas/dashboard';
import { aggregateMetric } from '@/server/metrics/aggregate';
import { ACTIVATION_METRIC, activationSum, type ActivationBasis } from './activation';
import type { PartnershipGraph } from './graph';
import { stageEvents } from './stages';

export const DEFAULT_RANGE: RangePreset = '90d';

/** Resolves the URL's range against the days that have data; null when there is none. */
export function resolveRange(span: { first: IsoDay; last: IsoDay } | null, params: DashboardParams) {
  if (!span) return null;
  if (params.from || params.to) {
    const from = params.from && params.from > span.first ? params.from : span.first;
    const to = params.to && params.to < span.last ? params.to : span.last;
    if (from <= to) return { preset: 'custom' as const, from, to };
  }
  const preset = params.range ?? DEFAULT_RANGE;
  if (preset === 'all') return { preset, from: span.first, to: span.last };
  const from = addDays(span.last, -(PRESET_DAYS[preset] - 1));
  return { preset, from: from < span.first ? span.first : from, to: span.last };
}

function dealEvents(p: PartnershipGraph, from: IsoDay, to: IsoDay, granularity: ActivationChart['granularity']): ChartEvent[] {
  const events: Omit<ChartEvent, 'period'>[] = stageEvents(p);
  for (const m of p.milestones) if (m.completedAt) events.push({ day: dateToDay(m.completedAt), kind: 'milestone', label: `Milestone done: ${m.title}` });
  for (const c of p.checkpoints) {
    if (c.decidedOn) events.push({ day: dateToDay(c.decidedOn), kind: 'checkpoint', label: `${c.regulator}: ${CHECKPOINT_STATUS_LABELS[c.status].toLowerCase()}` });
  }
  for (const r of p.rollouts) {
    if (r.actualPilotOn) events.push({ day: dateToDay(r.actualPilotOn), kind: 'rollout', label: `${r.region.name}: pilot started` });
    if (r.actualLaunchOn) events.push({ day: dateToDay(r.actualLaunchOn), kind: 'rollout', label: `${r.region.name}: live` });
  }
  return events
    .filter((e) => e.day >= from && e.day <= to)
    // Stable: on one day a stage move is listed before the milestone or filing that came with it.
    .sort((a, b) => a.day.localeCompare(b.day))
    .map((e) => ({ ...e, period: periodStart(e.day, granularity) }));
}

/**
 * Cards added (and target) before `from`: summed directly when `from` is near the first day, else
 * the total to date minus [from, last day], so a 90-day view of a 12-year partnership reads 90
 * days rather than 12 years a second time. Values are whole cards, so both ways are exact.
 */
async function activationBefore(partnershipId: string, from: IsoDay, basis: ActivationBasis) {
  const { span, toDate } = basis;
  if (!span || !toDate || daysBetween(span.first, from) <= daysBetween(from, span.last)) {
    return activationSum(basis, partnershipId, '0001-01-01', addDays(from, -1));
  }
  const after = await activationSum(basis, partnershipId, from, span.last);
  return {
    actual: toDate.actual - after.actual,
    target: toDate.target === null ? null : toDate.target - (after.target ?? 0),
  };
}

export async function buildActivationChart(
  p: PartnershipGraph,
  params: DashboardParams,
  basisInput: ActivationBasis | Promise<ActivationBasis>,
): Promise<ActivationChart> {
  const regions = p.rollouts.map((r) => ({ code: r.region.code, name: r.region.name }));
  const basis = await basisInput;
  const range = resolveRange(basis.span, params);
  if (!range) return { granularity: 'day', range: null, regions, points: [], events: [], partial: [], wholePeriods: null };
  const granularity = granularityFor(range.from, range.to);
  const base = { partnershipId: p.id, metricKey: ACTIVATION_METRIC, from: range.from, to: range.to, granularity, audience: basis.audience };
  const [actual, target, before] = await Promise.all([
    aggregateMetric(base),
    // The target line only for a reader the targets are not confidential to (issue 17, item 5).
    basis.targetShown ? aggregateMetric({ ...base, table: 'targets' }) : Promise.resolve([]),
    activationBefore(p.id, range.from, basis),
  ]);
  const withData = new Set(actual.map((a) => a.region));
  const partial = partialPeriods(range.from, range.to, granularity);
  const byPeriod = new Map<IsoDay, Record<string, number>>();
  for (const a of actual) (byPeriod.get(a.periodStart) ?? byPeriod.set(a.periodStart, {}).get(a.periodStart)!)[a.region] = a.value;
  const targetByPeriod = new Map<IsoDay, number>();
  for (const t of target) targetByPeriod.set(t.periodStart, (targetByPeriod.get(t.periodStart) ?? 0) + t.value);
  const hasTarget = target.length > 0;

  let cumulative = before.actual;
  let targetCumulative = before.target ?? 0;
  const points = periodsBetween(range.from, range.to, granularity).map((period) => {
    const byRegion = byPeriod.get(period) ?? {};
    const total = Object.values(byRegion).reduce((sum, v) => sum + v, 0);
    cumulative += total;
    targetCumulative += targetByPeriod.get(period) ?? 0;
    return { period, byRegion, total, cumulative, targetCumulative: hasTarget ? targetCumulative : null };
  });
  return {
    granularity,
    range,
    regions: regions.filter((r) => withData.has(r.code)),
    points,
    events: dealEvents(p, range.from, range.to, granularity),
    partial,
    wholePeriods: partial.length ? wholePeriodRange(range.from, range.to, granularity) : null,
  };
}
