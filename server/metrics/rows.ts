import 'server-only';
import type { IsoDay } from '@/lib/dates';
import type { MetricsQuery } from '@/lib/schemas/metrics-api';
import { db } from '@/server/db';
import { csvPieces, type CsvPieces } from '@/server/db/copy';
import { BadParameterError, NotFoundError } from '@/server/errors';
import { PART_ROWS, viewCountSql, viewParts, viewSql, type MetricView } from './view-query';

export type MetricRow = { region: string; metric: string; period_start: string; value: string };

export type ResolvedQuery = {
  partnership: { id: string; slug: string; name: string };
  metrics: { id: number; key: string; name: string; unit: string; aggregation: 'SUM' | 'LAST' }[];
  regions: { id: number; code: string }[];
  query: MetricsQuery;
};

type Span = { first: IsoDay; last: IsoDay } | null;

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

/** A checked query as a view for the builder (server/metrics/view-query.ts). */
export const viewOf = (q: ResolvedQuery): MetricView => ({
  partnershipId: q.partnership.id,
  metrics: q.metrics,
  regionIds: q.regions.map((r) => r.id),
  everyRegion: !q.query.regions.length,
  from: q.query.from,
  to: q.query.to,
  granularity: q.query.granularity,
  mode: q.query.mode,
});

const seriesOf = (sql: string) => db.$queryRawUnsafe<{ metric_id: number; region_id: number }[]>(sql);

/**
 * The rows of a view, a part at a time (each at most about 5,000 rows, so memory stays bounded
 * at any size), in the answer's order: the API's JSON and the XLSX export read them so.
 * `span` (the data's first and last day) stands in for an open end of the range.
 */
export async function* viewRowPages(q: ResolvedQuery, span: Span): AsyncGenerator<MetricRow[]> {
  for (const part of await viewParts(viewOf(q), span, seriesOf, PART_ROWS.objects)) {
    const rows = await db.$queryRawUnsafe<MetricRow[]>(viewSql(part));
    if (rows.length) yield rows;
  }
}

/** The view as CSV pieces from the database's own COPY, text cells neutralised for spreadsheets. */
export function viewCsv(q: ResolvedQuery, span: Span): Promise<CsvPieces> {
  const view = viewOf(q);
  const empty = !view.metrics.length || !view.regionIds.length;
  return csvPieces(empty ? null : viewSql(view, 'csv'), async () => (await viewParts(view, span, seriesOf, PART_ROWS.csv)).map((part) => viewSql(part, 'csv')));
}

/**
 * A view small enough for a screen: its rows, or none and its count when it has more than `limit`
 * (the explorer's "too many to show"; the dashboard chart's periods are always few).
 */
export async function readView(view: MetricView, limit?: number): Promise<{ rows: MetricRow[]; total: number; tooMany: boolean }> {
  if (!view.metrics.length || (!view.everyRegion && !view.regionIds.length)) return { rows: [], total: 0, tooMany: false };
  const rows = await db.$queryRawUnsafe<MetricRow[]>(limit === undefined ? viewSql(view) : `${viewSql(view)} LIMIT ${Math.trunc(limit) + 1}`);
  if (limit === undefined || rows.length <= limit) return { rows, total: rows.length, tooMany: false };
  const [count] = await db.$queryRawUnsafe<{ n: number }[]>(viewCountSql(view));
  return { rows: [], total: count?.n ?? 0, tooMany: true };
}
