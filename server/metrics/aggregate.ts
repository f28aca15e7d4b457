import 'server-only';
import type { IsoDay } from '@/lib/dates';
import type { Granularity } from '@/lib/granularity';
import { visibleMetrics, type MetricAudience } from '@/server/access/metrics';
import { db } from '@/server/db';
import { readView } from './rows';

export type AggregatedPoint = { periodStart: IsoDay; region: string; value: number };

/**
 * One metric of one partnership per period and region (the dashboard's activation chart), from the
 * one metrics query builder (view-query.ts): flows summed, levels their period's last day, over
 * each region's local calendar days. `table` chooses actual values or targets. Sorted by period,
 * then region. Empty when the metric is hidden from `audience` (server/access/metrics.ts).
 */
export async function aggregateMetric(input: {
  partnershipId: string;
  metricKey: string;
  from: IsoDay;
  to: IsoDay;
  granularity: Granularity;
  table?: 'values' | 'targets';
  regions?: string[];
  audience: MetricAudience;
}): Promise<AggregatedPoint[]> {
  const [visible, regions] = await Promise.all([
    visibleMetrics(input.audience, input.partnershipId),
    input.regions?.length ? db.region.findMany({ where: { code: { in: input.regions } }, select: { id: true } }) : [],
  ]);
  const metric = visible.find((m) => m.key === input.metricKey);
  if (!metric) return [];
  const { rows } = await readView({
    partnershipId: input.partnershipId, metrics: [metric], regionIds: regions.map((r) => r.id), everyRegion: !input.regions?.length,
    from: input.from, to: input.to, granularity: input.granularity, mode: 'period', table: input.table, visibleMetricIds: visible.map((m) => m.id),
  });
  return rows
    .map((r) => ({ periodStart: r.period_start, region: r.region, value: Number(r.value) }))
    .sort((a, b) => a.periodStart.localeCompare(b.periodStart) || a.region.localeCompare(b.region));
}

/** First and last day with values for a partnership (any metric), or null when it has none. */
export async function metricSpan(partnershipId: string): Promise<{ first: IsoDay; last: IsoDay } | null> {
  const [row] = await db.$queryRaw<{ first: string | null; last: string | null }[]>`
    SELECT MIN(day)::text AS first, MAX(day)::text AS last FROM metric_values WHERE "partnershipId" = ${partnershipId}`;
  return row?.first && row.last ? { first: row.first, last: row.last } : null;
}

/** Sum of a flow metric over [from, to], actual and target, straight from SQL. */
export async function sumWithTarget(partnershipId: string, metricKey: string, from: IsoDay, to: IsoDay) {
  const [row] = await db.$queryRaw<{ actual: number | null; target: number | null }[]>`
    SELECT
      (SELECT SUM(v.value)::float8 FROM metric_values v JOIN metrics m ON m.id = v."metricId"
        WHERE v."partnershipId" = ${partnershipId} AND m.key = ${metricKey} AND v.day BETWEEN ${from}::date AND ${to}::date) AS actual,
      (SELECT SUM(t.value)::float8 FROM metric_targets t JOIN metrics m ON m.id = t."metricId"
        WHERE t."partnershipId" = ${partnershipId} AND m.key = ${metricKey} AND t.day BETWEEN ${from}::date AND ${to}::date) AS target`;
  return { actual: row?.actual ?? 0, target: row?.target ?? null };
}
