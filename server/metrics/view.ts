import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { fromScaled, toScaled } from '@/lib/decimal';
import { db } from '@/server/db';
import { periodStartSql } from './period-sql';
import { metricRowPages, type MetricRow, type ResolvedQuery } from './rows';

/**
 * The rows of a view, as the explorer, the API and every export show them. Per period, they are
 * the database's aggregates. Cumulative, each flow (SUM) metric becomes a running total per region
 * since its first recorded day (what came before `from` included), summed exactly; levels (LAST)
 * are already totals and stay as they are.
 */
export async function* viewRowPages(q: ResolvedQuery): AsyncGenerator<MetricRow[]> {
  if (q.query.mode === 'period') {
    yield* metricRowPages(q);
    return;
  }
  const before = await totalsBefore(q);
  const running = new Map<string, bigint>();
  for await (const page of metricRowPages(q)) {
    yield page.map((row) => {
      const metric = q.metrics.find((m) => m.key === row.metric)!;
      if (metric.aggregation === 'LAST') return row;
      const key = `${row.metric}|${row.region}`;
      const total = (running.get(key) ?? before.get(key) ?? 0n) + toScaled(row.value);
      running.set(key, total);
      return { ...row, value: fromScaled(total) };
    });
  }
}

/** Per metric and region, the sum of a flow's values before the view's first day. */
async function totalsBefore(q: ResolvedQuery): Promise<Map<string, bigint>> {
  const out = new Map<string, bigint>();
  const flows = q.metrics.filter((m) => m.aggregation === 'SUM');
  if (!q.query.from || !flows.length || !q.regions.length) return out;
  const rows = await db.$queryRaw<{ metric: string; region: string; total: string }[]>`
    SELECT m.key AS metric, r.code AS region, trim_scale(SUM(v.value))::text AS total
    FROM metric_values v JOIN metrics m ON m.id = v."metricId" JOIN regions r ON r.id = v."regionId"
    WHERE v."partnershipId" = ${q.partnership.id} AND v."metricId" IN (${Prisma.join(flows.map((m) => m.id))})
      AND v."regionId" IN (${Prisma.join(q.regions.map((r) => r.id))}) AND v.day < ${q.query.from}::date
    GROUP BY 1, 2`;
  for (const r of rows) out.set(`${r.metric}|${r.region}`, toScaled(r.total));
  return out;
}

/** How many rows a view has, counted by the database (the explorer's "too many to show" case). */
export async function countViewRows(q: ResolvedQuery): Promise<number> {
  if (!q.regions.length || !q.metrics.length) return 0;
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT COUNT(*)::int AS n FROM (
      SELECT DISTINCT v."metricId", v."regionId", ${periodStartSql(q.query.granularity)}
      FROM metric_values v
      WHERE v."partnershipId" = ${q.partnership.id} AND v."metricId" IN (${Prisma.join(q.metrics.map((m) => m.id))})
        AND v."regionId" IN (${Prisma.join(q.regions.map((r) => r.id))})
        ${q.query.from ? Prisma.sql`AND v.day >= ${q.query.from}::date` : Prisma.empty}
        ${q.query.to ? Prisma.sql`AND v.day <= ${q.query.to}::date` : Prisma.empty}) AS groups`;
  return row?.n ?? 0;
}
