import 'server-only';
import type { IsoDay } from '@/lib/dates';
import type { MetricsQuery } from '@/lib/schemas/metrics-api';
import { metricAudience, visibleMetrics, type VisibleMetric } from '@/server/access/metrics';
import { partnerScope, visiblePartnershipWhere } from '@/server/access/scope';
import type { Actor } from '@/server/auth/actor';
import { keptWhile } from '@/server/cache/versioned';
import { db } from '@/server/db';
import { csvPieces, exportRows, type CsvPieces } from '@/server/db/copy';
import { BadParameterError, NotFoundError } from '@/server/errors';
import { PART_ROWS, viewCountSql, viewParts, viewSql, type MetricView } from './view-query';

export type MetricRow = { region: string; metric: string; period_start: string; value: string };

export type ResolvedQuery = {
  partnership: { id: string; slug: string; name: string };
  metrics: { id: number; key: string; name: string; unit: string; aggregation: 'SUM' | 'LAST' }[];
  regions: { id: number; code: string }[];
  query: MetricsQuery;
  /** What the reader may see (server/access/metrics.ts); the view builder holds every view to it. */
  visibleMetricIds: number[];
};

type Span = { first: IsoDay; last: IsoDay } | null;

/**
 * Checks the slug, metric keys and region codes as the reader sees them; unknown ones are named in
 * a 400 (slug: 404). A partnership outside a partner's scope is unknown, and so is a metric hidden
 * from the reader (issue 17): the same answer as for a key that does not exist, so nothing leaks.
 */
export async function resolveMetricsQuery(actor: Actor, slug: string, query: MetricsQuery): Promise<ResolvedQuery> {
  const { partnership, visible } = await findMetricsReader(actor, slug);
  return resolveFor(partnership, visible, query);
}

/** A partnership as its reader may see it (404 outside a partner's scope) and the metrics they may see of it. */
export async function findMetricsReader(actor: Actor, slug: string): Promise<{ partnership: ResolvedQuery['partnership']; visible: VisibleMetric[] }> {
  const partnership = await findReadablePartnership(actor, slug);
  if (!partnership) throw new NotFoundError(`No partnership "${slug}".`);
  return { partnership, visible: await visibleMetrics(metricAudience(actor), partnership.id) };
}

// Kept while the content version is unchanged (partnerships, their parties and regions bump it),
// keyed by what the filter depends on: the slug and the reader's partner scope. A repeated API
// question then reads nothing but the request's data versions (decision 012, "Overhead").
const findReadablePartnership = keptWhile(
  'content', 512,
  (actor: Actor, slug: string) => db.partnership.findFirst({ where: { slug, ...visiblePartnershipWhere(actor) }, select: { id: true, slug: true, name: true } }),
  (actor, slug) => [slug, partnerScope(actor)],
);
const findRegions = keptWhile('content', 1, () => db.region.findMany({ orderBy: { id: 'asc' }, select: { id: true, code: true } }));

/** The same checks for a partnership already found and the metrics its reader may see. */
export async function resolveFor(partnership: ResolvedQuery['partnership'], visible: readonly VisibleMetric[], query: MetricsQuery): Promise<ResolvedQuery> {
  const allRegions = await findRegions();
  const allMetrics = visible.map(({ id, key, name, unit, aggregation }) => ({ id, key, name, unit, aggregation }));
  const unknownMetric = query.metrics.find((k) => !allMetrics.some((m) => m.key === k));
  if (unknownMetric) throw new BadParameterError('metric', `Unknown metric "${unknownMetric}". Known: ${allMetrics.map((m) => m.key).join(', ')}.`);
  const metrics = query.metrics.length ? query.metrics.map((k) => allMetrics.find((m) => m.key === k)!) : allMetrics;
  const unknownRegion = query.regions.find((c) => !allRegions.some((r) => r.code === c));
  if (unknownRegion) throw new BadParameterError('region', `Unknown region "${unknownRegion}".`);
  const regions = query.regions.length ? allRegions.filter((r) => query.regions.includes(r.code)) : allRegions;
  return { partnership, metrics: [...new Map(metrics.map((m) => [m.key, m])).values()], regions, query, visibleMetricIds: allMetrics.map((m) => m.id) };
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
  visibleMetricIds: q.visibleMetricIds,
});

const seriesOf = (sql: string) => db.$queryRawUnsafe<{ metric_id: number; region_id: number }[]>(sql);

/**
 * The rows of a view, a part at a time (each at most about 5,000 rows, so memory stays bounded
 * at any size), in the answer's order: the API's JSON reads them so.
 * `span` (the data's first and last day) stands in for an open end of the range.
 */
export async function* viewRowPages(q: ResolvedQuery, span: Span): AsyncGenerator<MetricRow[]> {
  const parts = await viewParts(viewOf(q), span, seriesOf, PART_ROWS.objects);
  for (const part of parts) {
    // A view of many parts is a big export: on PostgreSQL its parts are read through the export
    // pool, without Prisma's per-row objects (copy.ts). One part (the API's typical question)
    // stays on the app's pool.
    const sql = viewSql(part);
    const rows = (parts.length > 1 ? await exportRows<MetricRow>(sql) : null) ?? (await db.$queryRawUnsafe<MetricRow[]>(sql));
    if (rows.length) yield rows;
  }
}

/**
 * The view as CSV pieces from the database's own COPY: text cells neutralised for spreadsheets
 * (`cells: 'csv'`, the CSV export), or ids, days and values for the XLSX writer (`'ids'`, named
 * from the query's regions and metrics in xlsx-rows.ts).
 */
export function viewCsv(q: ResolvedQuery, span: Span, cells: 'csv' | 'ids' = 'csv'): Promise<CsvPieces> {
  const view = viewOf(q);
  const empty = !view.metrics.length || !view.regionIds.length;
  return csvPieces(empty ? null : viewSql(view, cells), async () => (await viewParts(view, span, seriesOf, PART_ROWS.csv)).map((part) => viewSql(part, cells)));
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
