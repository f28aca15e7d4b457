import 'server-only';
import { addDays, type IsoDay } from '@/lib/dates';
import {
  EXPLORER_CHART_PERIODS, EXPLORER_PAGE_SIZE, EXPLORER_ROW_LIMIT,
  type ExplorerChartSeries, type ExplorerRow, type ExplorerView,
} from '@/lib/metrics-explorer';
import { partialPeriods, periodsBetween, wholePeriodRange } from '@/lib/periods';
import type { MetricsQuery } from '@/lib/schemas/metrics-api';
import { keptWhile } from '@/server/cache/versioned';
import { type VisibleMetric } from '@/server/access/metrics';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { metricSpan } from './aggregate';
import { findMetricsReader, readView, resolveFor, viewOf, type ResolvedQuery } from './rows';

export const DEFAULT_EXPLORER_METRIC = 'cards_added';
const DEFAULT_DAYS = 90;

/**
 * The explorer's view: the URL's choices with defaults filled in (cards added, every region with
 * data, the last 90 days with data), and the rows the API and the exports give for the same view.
 * Returns null for an unknown partnership, or one outside a partner's scope. Only the metrics the
 * reader may see are offered or shown (server/access/metrics.ts); a hidden one asked for by name is
 * an unknown metric. Kept while the metrics version (values, targets, metrics, regions,
 * partnerships) is unchanged (server/cache/versioned.ts), per the metrics the reader may see: who
 * may see what changes the content version, not this one, so the visible set is part of the key.
 */
export async function findExplorerView(actor: Actor, slug: string, requested: MetricsQuery, page: number): Promise<ExplorerView | null> {
  const reader = await findMetricsReader(actor, slug).catch((error: unknown) => {
    if (error instanceof NotFoundError) return null;
    throw error;
  });
  return reader ? keptExplorerView(reader.partnership, reader.visible, requested, page) : null;
}

const keptExplorerView = keptWhile('metrics', 64, computeExplorerView, (partnership, visible, requested, page) => [
  partnership.id, visible.map((m) => [m.id, m.confidential]), requested, page,
]);

async function computeExplorerView(
  partnership: ResolvedQuery['partnership'], visible: readonly VisibleMetric[], requested: MetricsQuery, page: number,
): Promise<ExplorerView | null> {
  const [regionsWithData, span] = await Promise.all([
    db.$queryRaw<{ code: string; name: string }[]>`
      SELECT r.code, r.name FROM regions r
      WHERE EXISTS (SELECT 1 FROM metric_values v WHERE v."partnershipId" = ${partnership.id} AND v."regionId" = r.id)
      ORDER BY r.id`,
    metricSpan(partnership.id),
  ]);
  const metrics = visible.map(({ key, name, unit, aggregation, confidential }) => ({ key, name, unit, aggregation, confidential }));
  const query = withDefaults(requested, span, metrics);
  const options = { metrics, regions: regionsWithData };
  const partial = query.from && query.to ? partialPeriods(query.from, query.to, query.granularity) : [];
  const wholePeriods = partial.length && query.from && query.to ? wholePeriodRange(query.from, query.to, query.granularity) : null;
  const base = {
    partnership: { slug: partnership.slug, name: partnership.name }, options, span, query, granularity: query.granularity, page: 1, pageSize: EXPLORER_PAGE_SIZE,
    partial, wholePeriods,
  };
  if (!span || !query.metrics.length) return { ...base, total: 0, tooMany: false, rows: [], chart: null };

  const resolved = await resolveFor(partnership, visible, { ...query, format: 'json', download: false });
  // The same view the API and the exports give; one over the screen's limit is only counted.
  const read = await readView(viewOf(resolved), EXPLORER_ROW_LIMIT);
  if (read.tooMany) return { ...base, total: read.total, tooMany: true, rows: [], chart: null };
  const rows: ExplorerRow[] = read.rows.map((r) => ({ region: r.region, metric: r.metric, periodStart: r.period_start, value: r.value }));
  const pageCount = Math.max(1, Math.ceil(rows.length / EXPLORER_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pageCount);
  return {
    ...base,
    total: rows.length,
    tooMany: false,
    page: current,
    rows: rows.slice((current - 1) * EXPLORER_PAGE_SIZE, current * EXPLORER_PAGE_SIZE),
    chart: chartOf(resolved, rows, regionsWithData),
  };
}

function withDefaults(q: MetricsQuery, span: { first: IsoDay; last: IsoDay } | null, visible: { key: string }[]): ExplorerView['query'] {
  // Cards added, or the first metric the reader may see when that one is hidden from them.
  const fallback = visible.some((m) => m.key === DEFAULT_EXPLORER_METRIC) ? DEFAULT_EXPLORER_METRIC : visible[0]?.key;
  const to = q.to ?? span?.last ?? null;
  const from = q.from ?? (to && span ? maxDay(addDays(to, -(DEFAULT_DAYS - 1)), span.first) : null);
  return {
    metrics: q.metrics.length ? q.metrics : fallback ? [fallback] : [],
    regions: q.regions,
    from: from && to && from > to ? to : from,
    to,
    granularity: q.granularity,
    mode: q.mode,
  };
}

const maxDay = (a: IsoDay, b: IsoDay) => (a > b ? a : b);

/** The same rows as the table, arranged per metric for the chart: one line per region. */
function chartOf(q: ResolvedQuery, rows: ExplorerRow[], names: { code: string; name: string }[]): ExplorerChartSeries[] | null {
  const out: ExplorerChartSeries[] = [];
  for (const metric of q.metrics) {
    const mine = rows.filter((r) => r.metric === metric.key);
    // Every period of the range, so a gap in the data shows as a gap, not as squeezed time.
    const periods = q.query.from && q.query.to ? periodsBetween(q.query.from, q.query.to, q.query.granularity) : [...new Set(mine.map((r) => r.periodStart))].sort();
    if (periods.length > EXPLORER_CHART_PERIODS) return null;
    const index = new Map(periods.map((p, i) => [p, i]));
    const byRegion = new Map<string, (number | null)[]>();
    for (const r of mine) {
      const values = byRegion.get(r.region) ?? byRegion.set(r.region, periods.map(() => null)).get(r.region)!;
      values[index.get(r.periodStart)!] = Number(r.value);
    }
    out.push({
      metric: { key: metric.key, name: metric.name, unit: metric.unit, aggregation: metric.aggregation },
      periods,
      byRegion: [...byRegion.entries()].map(([code, values]) => ({ code, name: names.find((n) => n.code === code)?.name ?? code, values })),
    });
  }
  return out;
}
