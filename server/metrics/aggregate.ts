import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { IsoDay } from '@/lib/dates';
import type { Granularity } from '@/lib/granularity';
import { db } from '@/server/db';
import { periodStartSql } from './period-sql';

export type AggregatedPoint = { periodStart: IsoDay; region: string; value: number };

/**
 * One metric of one partnership, aggregated in SQL over each region's local calendar days.
 * Flows (SUM) add up; levels (LAST) take the last day of each period. `table` chooses actual
 * values or targets, which share the same shape.
 */
export async function aggregateMetric(input: {
  partnershipId: string;
  metricKey: string;
  from: IsoDay;
  to: IsoDay;
  granularity: Granularity;
  table?: 'values' | 'targets';
  regions?: string[];
}): Promise<AggregatedPoint[]> {
  const table = input.table === 'targets' ? Prisma.sql`metric_targets` : Prisma.sql`metric_values`;
  const period = periodStartSql(input.granularity);
  const regionFilter = input.regions?.length ? Prisma.sql`AND r.code IN (${Prisma.join(input.regions)})` : Prisma.empty;
  const [metric] = await db.$queryRaw<{ id: number; aggregation: 'SUM' | 'LAST' }[]>`
    SELECT id, aggregation::text AS aggregation FROM metrics WHERE key = ${input.metricKey}`;
  if (!metric) return [];
  const where = Prisma.sql`
    WHERE v."partnershipId" = ${input.partnershipId} AND v."metricId" = ${metric.id}
      AND v.day BETWEEN ${input.from}::date AND ${input.to}::date ${regionFilter}`;
  const rows =
    metric.aggregation === 'SUM'
      ? await db.$queryRaw<{ period_start: string; region: string; value: number }[]>`
          SELECT (${period})::text AS period_start, r.code AS region, SUM(v.value)::float8 AS value
          FROM ${table} v JOIN regions r ON r.id = v."regionId" ${where}
          GROUP BY 1, 2 ORDER BY 1, 2`
      : await db.$queryRaw<{ period_start: string; region: string; value: number }[]>`
          SELECT DISTINCT ON (1, 2) (${period})::text AS period_start, r.code AS region, v.value::float8 AS value
          FROM ${table} v JOIN regions r ON r.id = v."regionId" ${where}
          ORDER BY 1, 2, v.day DESC`;
  return rows.map((r) => ({ periodStart: r.period_start, region: r.region, value: r.value }));
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
