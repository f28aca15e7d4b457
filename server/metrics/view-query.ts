import 'server-only';
import type { IsoDay } from '@/lib/dates';
import type { Granularity } from '@/lib/granularity';
import { periodsBetween } from '@/lib/periods';
import type { MetricMode } from '@/lib/schemas/metrics-api';
import { literal } from '@/server/db/copy';

/**
 * The one metrics query builder (decision 012). Every number Accord shows or hands out for a view
 * of a partnership's metrics comes from the SQL written here: the explorer's table and chart, the
 * API's JSON, the CSV, XLSX and JSON exports, the dashboard's activation chart and the row counts.
 * The rules of a view are written once:
 * - a value's **period** is the first day of its day, ISO week (Monday), calendar month or quarter,
 *   on each region's own calendar days (the stored `day`);
 * - a **flow** (SUM: cards added, transactions, payment volume) adds up over a period; a **level**
 *   (LAST: active cards) takes the period's last recorded day;
 * - **cumulative**, a flow becomes a running total per region since its first recorded day (what
 *   came before `from` included); a level is already a total and stays as it is;
 * - rows come in the answer's order: metric as asked, region, period.
 * Only validated values reach the text: ids read from the database, ISO days and the partnership's
 * id escaped as literals (COPY takes no bind parameters, so the same text serves every reader).
 */
export type MetricView = {
  partnershipId: string;
  /** In the answer's order. */
  metrics: { id: number; key: string; aggregation: 'SUM' | 'LAST' }[];
  /** Region ids, in any order (rows come by region id). */
  regionIds: number[];
  /** The view asks for every region: the filter is left out, so the index range stays one scan. */
  everyRegion?: boolean;
  from: IsoDay | null;
  to: IsoDay | null;
  granularity: Granularity;
  mode: MetricMode;
  /** Actual values (default) or targets, which share the same shape. */
  table?: 'values' | 'targets';
  /**
   * The metrics the reader may see (server/access/metrics.ts). The builder drops every other one
   * from `metrics`, so a view can never show a hidden metric, whoever built it (issue 17).
   */
  visibleMetricIds: readonly number[];
};

/** The view with only the metrics its reader may see: every statement below starts from it. */
function cleared(view: MetricView): MetricView {
  const visible = new Set(view.visibleMetricIds);
  return view.metrics.every((m) => visible.has(m.id)) ? view : { ...view, metrics: view.metrics.filter((m) => visible.has(m.id)) };
}

/** The first day of a value's period, in SQL: the database's twin of periodStart() in lib/periods.ts. */
const PERIOD_START: Record<Granularity, string> = {
  day: 'v.day',
  week: "date_trunc('week', v.day::timestamp)::date",
  month: "date_trunc('month', v.day::timestamp)::date",
  quarter: "date_trunc('quarter', v.day::timestamp)::date",
};

const ids = (xs: number[]) => xs.map((x) => String(Math.trunc(x))).join(',') || 'NULL';
const tableOf = (view: MetricView) => (view.table === 'targets' ? 'metric_targets' : 'metric_values');

/** Spreadsheet formula injection, in SQL: the same rule as neutralizeCell() in stream.ts. */
const neutralized = (column: string) => `CASE WHEN ${column} ~ '^[=+\\-@\\t\\r]' THEN '''' || ${column} ELSE ${column} END`;

function filterOf(view: MetricView, metricIds: number[], until?: 'before-from'): string {
  return [
    `v."partnershipId" = ${literal(view.partnershipId)}`,
    `v."metricId" IN (${ids(metricIds)})`,
    view.everyRegion ? null : `v."regionId" IN (${ids(view.regionIds)})`,
    until === 'before-from' ? `v.day < ${literal(view.from!)}::date` : null,
    until !== 'before-from' && view.from ? `v.day >= ${literal(view.from)}::date` : null,
    until !== 'before-from' && view.to ? `v.day <= ${literal(view.to)}::date` : null,
  ].filter(Boolean).join(' AND ');
}

/** One row per metric, region and period: flows summed, levels their period's last day. */
function periodRowsSql(view: MetricView): string {
  const period = PERIOD_START[view.granularity];
  const table = tableOf(view);
  const flows = view.metrics.filter((m) => m.aggregation === 'SUM').map((m) => m.id);
  const levels = view.metrics.filter((m) => m.aggregation === 'LAST').map((m) => m.id);
  if (view.granularity === 'day' || !view.metrics.length) {
    // One row per metric, region and day already (the primary key): nothing to aggregate.
    // (A view left without metrics reads nothing: `IN (NULL)`.)
    return `SELECT v."metricId" AS metric_id, v."regionId" AS region_id, v.day AS period, v.value AS value, v."metricId" IN (${ids(flows)}) AS flow
      FROM ${table} v WHERE ${filterOf(view, view.metrics.map((m) => m.id))}`;
  }
  const parts: string[] = [];
  if (flows.length) {
    parts.push(`SELECT v."metricId" AS metric_id, v."regionId" AS region_id, ${period} AS period, SUM(v.value) AS value, TRUE AS flow
      FROM ${table} v WHERE ${filterOf(view, flows)} GROUP BY 1, 2, 3`);
  }
  if (levels.length) {
    parts.push(`SELECT DISTINCT ON (v."metricId", v."regionId", ${period}) v."metricId" AS metric_id, v."regionId" AS region_id, ${period} AS period, v.value AS value, FALSE AS flow
      FROM ${table} v WHERE ${filterOf(view, levels)} ORDER BY v."metricId", v."regionId", ${period}, v.day DESC`);
  }
  return parts.length === 1 ? parts[0]! : parts.map((p) => `(${p})`).join(' UNION ALL ');
}

/**
 * The whole view in one ordered statement, four text columns: region, metric, period_start (ISO
 * day) and value (exact decimal, trailing zeros trimmed). `cells: 'csv'` neutralises the text cells
 * for a spreadsheet (the CSV export); 'plain' leaves them as they are (JSON, the screens). 'ids'
 * answers the same rows with numbers where it can: region_id, metric_id, period_day (days since
 * 1970-01-01) and the same value text. The XLSX export reads it so and names the ids itself: at a
 * million rows the region and metric strings were most of its garbage (decision 012, "XLSX memory").
 */
export function viewSql(input: MetricView, cells: 'csv' | 'plain' | 'ids' = 'plain'): string {
  const view = cleared(input);
  const cumulative = view.mode === 'cumulative';
  const flows = view.metrics.filter((m) => m.aggregation === 'SUM').map((m) => m.id);
  const prior = cumulative && view.from && flows.length
    ? `LEFT JOIN (SELECT v."metricId" AS metric_id, v."regionId" AS region_id, SUM(v.value) AS total FROM ${tableOf(view)} v
         WHERE ${filterOf(view, flows, 'before-from')} GROUP BY 1, 2) p ON p.metric_id = x.metric_id AND p.region_id = x.region_id`
    : '';
  const value = cumulative
    ? `CASE WHEN x.flow THEN SUM(x.value) OVER (PARTITION BY x.metric_id, x.region_id ORDER BY x.period)${prior ? ' + COALESCE(p.total, 0)' : ''} ELSE x.value END`
    : 'x.value';
  const text = cells === 'csv' ? neutralized : (column: string) => column;
  const order = view.metrics.length > 1 ? `array_position(ARRAY[${ids(view.metrics.map((m) => m.id))}]::int[], x.metric_id), ` : '';
  const [columns, names] = cells === 'ids'
    ? [`x.region_id, x.metric_id, x.period - DATE '1970-01-01' AS period_day`, '']
    : [`${text('r.code')} AS region, ${text('m.key')} AS metric, to_char(x.period, 'YYYY-MM-DD') AS period_start`, 'JOIN regions r ON r.id = x.region_id JOIN metrics m ON m.id = x.metric_id'];
  return `SELECT ${columns}, trim_scale(${value})::text AS value
    FROM (${periodRowsSql(view)}) x
    ${names} ${prior}
    ORDER BY ${order}x.region_id, x.period`;
}

/** How many rows the view has, counted by the database (the explorer's "too many to show" case). */
export function viewCountSql(view: MetricView): string {
  return `SELECT COUNT(*)::int AS n FROM (${periodRowsSql(cleared(view))}) x`;
}

/**
 * The (metric, region) series that hold values in the view's range, in the answer's order: one
 * index probe per metric and region (a LATERAL ... LIMIT 1, which the planner cannot turn into a
 * semi-join over the whole range as it did an EXISTS), not a scan of the range. (A `SELECT DISTINCT` over the range read every row of the view once more before the
 * export read them: ~100,000 index entries for a ~100k-row export, 0.1–0.9 s on PGlite.)
 */
export function viewSeriesSql(input: MetricView): string {
  const view = cleared(input);
  const range = [
    view.from ? `v.day >= ${literal(view.from)}::date` : null,
    view.to ? `v.day <= ${literal(view.to)}::date` : null,
  ].filter(Boolean).map((c) => ` AND ${c}`).join('');
  return `SELECT m.id AS metric_id, r.id AS region_id
    FROM unnest(ARRAY[${ids(view.metrics.map((m) => m.id))}]::int[]) m(id) CROSS JOIN unnest(ARRAY[${ids(view.regionIds)}]::int[]) r(id)
    CROSS JOIN LATERAL (SELECT 1 FROM ${tableOf(view)} v WHERE v."partnershipId" = ${literal(view.partnershipId)} AND v."metricId" = m.id AND v."regionId" = r.id${range} LIMIT 1) hit
    ORDER BY 1, 2`;
}

/**
 * At most about this many rows per part: small enough to hold in memory, big enough to be few
 * statements. Rows read as objects (JSON, XLSX) cost far more memory than CSV text (PGlite's COPY).
 */
export const PART_ROWS = { objects: 5_000, csv: 20_000 } as const;

/**
 * The view cut into parts that each hold at most about `partRows` rows, whose answers, one after the
 * other, are the whole view's answer in its order: one metric and a run of its regions per part (a
 * series holds at most one row per period). `span` stands in for an open end of the range;
 * `series` lists the series with values, asked only when the view does not fit in one part.
 */
export async function viewParts(
  input: MetricView,
  span: { first: IsoDay; last: IsoDay } | null,
  series: (sql: string) => Promise<{ metric_id: number; region_id: number }[]>,
  partRows: number,
): Promise<MetricView[]> {
  const view = cleared(input);
  const from = view.from ?? span?.first;
  const to = view.to ?? span?.last;
  if (!from || !to || from > to || !view.metrics.length || !view.regionIds.length) return [];
  const periods = periodsBetween(from, to, view.granularity).length;
  const perPart = Math.max(1, Math.floor(partRows / periods));
  if (view.metrics.length * view.regionIds.length <= perPart) return [view];
  const found = await series(viewSeriesSql(view));
  const parts: MetricView[] = [];
  for (const metric of view.metrics) {
    const regions = found.filter((s) => s.metric_id === metric.id).map((s) => s.region_id);
    for (let i = 0; i < regions.length; i += perPart) {
      parts.push({ ...view, metrics: [metric], regionIds: regions.slice(i, i + perPart), everyRegion: false });
    }
  }
  return parts;
}
