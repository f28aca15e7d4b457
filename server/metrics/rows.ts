import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { nextPeriod } from '@/lib/periods';
import type { MetricsQuery } from '@/lib/schemas/metrics-api';
import { db } from '@/server/db';
import { BadParameterError, NotFoundError } from '@/server/errors';
import { periodStartSql } from './period-sql';

export type MetricRow = { region: string; metric: string; period_start: string; value: string };
export const PAGE_SIZE = 5000;

export type ResolvedQuery = {
  partnership: { id: string; slug: string; name: string };
  metrics: { id: number; key: string; name: string; unit: string; aggregation: 'SUM' | 'LAST' }[];
  regions: { id: number; code: string }[];
  query: MetricsQuery;
};

/** Checks the slug, metric keys and region codes; unknown ones are named in a 400 (slug: 404). */
export async function resolveMetricsQuery(slug: string, query: MetricsQuery): Promise<ResolvedQuery> {
  const [partnership, allMetrics, allRegions] = await Promise.all([
    db.partnership.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } }),
    db.metric.findMany({ orderBy: { sortOrder: 'asc' }, select: { id: true, key: true, name: true, unit: true, aggregation: true } }),
    db.region.findMany({ orderBy: { id: 'asc' }, select: { id: true, code: true } }),
  ]);
  if (!partnership) throw new NotFoundError(`No partnership "${slug}".`);
  const unknownMetric = query.metrics.find((k) => !allMetrics.some((m) => m.key === k));
  if (unknownMetric) throw new BadParameterError('metric', `Unknown metric "${unknownMetric}". Known: ${allMetrics.map((m) => m.key).join(', ')}.`);
  const metrics = query.metrics.length ? query.metrics.map((k) => allMetrics.find((m) => m.key === k)!) : allMetrics;
  const unknownRegion = query.regions.find((c) => !allRegions.some((r) => r.code === c));
  if (unknownRegion) throw new BadParameterError('region', `Unknown region "${unknownRegion}".`);
  const regions = query.regions.length ? allRegions.filter((r) => query.regions.includes(r.code)) : allRegions;
  return { partnership, metrics: [...new Map(metrics.map((m) => [m.key, m])).values()], regions, query };
}

/**
 * The rows of a metrics query, page by page (bounded memory at any size): ordered by metric,
 * region, period. Keyset paging walks the (partnership, metric, region, day) index; the filter
 * applies before grouping, so no page re-aggregates what came before.
 */
export async function* metricRowPages(q: ResolvedQuery): AsyncGenerator<MetricRow[]> {
  if (!q.regions.length) return;
  const period = periodStartSql(q.query.granularity);
  // Every region asked (no filter): leave the condition out so the index range stays one scan.
  const regionFilter = q.query.regions.length ? Prisma.sql`AND v."regionId" IN (${Prisma.join(q.regions.map((r) => r.id))})` : Prisma.empty;
  const range = Prisma.sql`${q.query.from ? Prisma.sql`AND v.day >= ${q.query.from}::date` : Prisma.empty} ${q.query.to ? Prisma.sql`AND v.day <= ${q.query.to}::date` : Prisma.empty}`;
  for (const metric of q.metrics) {
    let after: { regionId: number; period: string } | null = null;
    for (;;) {
      // Resume as a row comparison: the (partnership, metric, region, day) index starts right there.
      const resume: Prisma.Sql = after
        ? Prisma.sql`AND (v."regionId", v.day) >= (${after.regionId}::int, ${nextPeriod(after.period, q.query.granularity)}::date)`
        : Prisma.empty;
      const where: Prisma.Sql = Prisma.sql`WHERE v."partnershipId" = ${q.partnership.id} AND v."metricId" = ${metric.id}
        ${regionFilter} ${range} ${resume}`;
      type Row = { region_id: number; region: string; period_start: string; value: string };
      const page: Row[] =
        q.query.granularity === 'day'
          ? // One row per region and day already (the primary key): read it in index order, no grouping.
            await db.$queryRaw<Row[]>`
              SELECT v."regionId" AS region_id, r.code AS region, v.day::text AS period_start, trim_scale(v.value)::text AS value
              FROM metric_values v JOIN regions r ON r.id = v."regionId" ${where}
              ORDER BY v."regionId", v.day LIMIT ${PAGE_SIZE}`
          : metric.aggregation === 'SUM'
            ? await db.$queryRaw<Row[]>`
                SELECT x.region_id, r.code AS region, x.period::text AS period_start, trim_scale(x.value)::text AS value
                FROM (SELECT v."regionId" AS region_id, (${period}) AS period, SUM(v.value) AS value
                      FROM metric_values v ${where} GROUP BY 1, 2 ORDER BY 1, 2 LIMIT ${PAGE_SIZE}) x
                JOIN regions r ON r.id = x.region_id ORDER BY x.region_id, x.period`
            : await db.$queryRaw<Row[]>`
                SELECT x.region_id, r.code AS region, x.period::text AS period_start, trim_scale(x.value)::text AS value
                FROM (SELECT DISTINCT ON (v."regionId", (${period})) v."regionId" AS region_id, (${period}) AS period, v.value
                      FROM metric_values v ${where} ORDER BY v."regionId", (${period}), v.day DESC LIMIT ${PAGE_SIZE}) x
                JOIN regions r ON r.id = x.region_id ORDER BY x.region_id, x.period`;
      if (!page.length) break;
      yield page.map((p) => ({ region: p.region, metric: metric.key, period_start: p.period_start, value: p.value }));
      if (page.length < PAGE_SIZE) break;
      const last: Row = page[page.length - 1]!;
      after = { regionId: last.region_id, period: last.period_start };
    }
  }
}
