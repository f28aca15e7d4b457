import type { ActivationChart } from './dashboard';
import type { IsoDay } from './dates';
import type { ExplorerChartSeries, ExplorerRow } from './metrics-explorer';

/**
 * The activation chart as it travels from the server page to its browser islands (the chart and
 * its table of numbers). A point per period with a value per region is, for a deal in 60 regions
 * over 90 days, 5,400 keyed numbers: React's payload serializer and the server's HTML pass visited
 * each of them on every view (about a fifth of the flagship dashboard's CPU, issue 14). Here the
 * per-region counts are one string, row by row in `regions` order, so the payload carries a
 * handful of values; the islands unpack it once. A region with no figure for a period is an empty
 * field, kept apart from 0. `ActivationChart` stays the one shape everything else reads.
 */
export type PackedChart = Omit<ActivationChart, 'points'> & {
  /** how many periods (points) */
  count: number;
  /** the periods' first days (ISO days, never a comma), comma-separated */
  periods: string;
  /** periods × regions counts, comma-separated, period by period */
  counts: string;
  /** per period, as `packNumbers` writes them: the total, the running total, the target's running total */
  totals: string;
  cumulative: string;
  targets: string;
};

/**
 * Numbers (null: no figure) as one comma-separated string; `unpackNumbers` reverses it exactly.
 * Whole numbers are written in base 36 (2,874 is "27u"): the counts are most of a flagship page's
 * payload, and every character of it is copied several times per view on the server (~60 ns per
 * character in all; bench/results/notes.md, 2026-12-05). Any other number is "~" and its decimal text.
 */
export function packNumbers(values: readonly (number | null | undefined)[]): string {
  return values.map((v) => (v === null || v === undefined ? '' : Number.isSafeInteger(v) ? v.toString(36) : `~${v}`)).join(',');
}

export function unpackNumbers(packed: string): (number | null)[] {
  return packed.split(',').map((field) => (field === '' ? null : field.startsWith('~') ? Number(field.slice(1)) : parseInt(field, 36)));
}

// A dashboard's chart and the explorer's view come from the page-data cache, deep-frozen
// (server/cache/versioned.ts): every view of them packed the same 5,400 numbers again, ~2.5% of a
// flagship view's CPU. A frozen value cannot change, so its packing is kept beside it; anything
// else is packed each time.
function packedOncePerFrozen<T extends object, P>(pack: (value: T) => P): (value: T) => P {
  const kept = new WeakMap<T, P>();
  return (value) => {
    if (!Object.isFrozen(value)) return pack(value);
    let packed = kept.get(value);
    if (packed === undefined) kept.set(value, (packed = Object.freeze(pack(value))));
    return packed;
  };
}

export const packChart: (chart: ActivationChart) => PackedChart = packedOncePerFrozen(packChartNow);

function packChartNow(chart: ActivationChart): PackedChart {
  const { points, ...rest } = chart;
  const fields: (number | null)[] = [];
  for (const p of points) for (const r of chart.regions) fields.push(r.code in p.byRegion ? p.byRegion[r.code]! : null);
  return {
    ...rest,
    count: points.length,
    periods: points.map((p) => p.period).join(','),
    counts: packNumbers(fields),
    // One string each, not a number per period: 90 days were 360 values in the page's payload, each
    // serialized by the server and revived again by its HTML pass (bench/results/notes.md, 2026-12-06).
    totals: packNumbers(points.map((p) => p.total)),
    cumulative: packNumbers(points.map((p) => p.cumulative)),
    targets: packNumbers(points.map((p) => p.targetCumulative)),
  };
}

export function unpackChart(packed: PackedChart): ActivationChart {
  const { count, periods, counts, totals: packedTotals, cumulative: packedCumulative, targets: packedTargets, ...rest } = packed;
  if (!count) return { ...rest, points: [] };
  const fields = unpackNumbers(counts);
  const [totals, cumulative, targets] = [packedTotals, packedCumulative, packedTargets].map(unpackNumbers) as [(number | null)[], (number | null)[], (number | null)[]];
  const width = packed.regions.length;
  return {
    ...rest,
    points: (periods.split(',') as IsoDay[]).map((period, i) => {
      const byRegion: Record<string, number> = {};
      packed.regions.forEach((r, j) => {
        const value = fields[i * width + j];
        if (value !== null && value !== undefined) byRegion[r.code] = value;
      });
      return { period, byRegion, total: totals[i] ?? 0, cumulative: cumulative[i] ?? 0, targetCumulative: targets[i] ?? null };
    }),
  };
}

/** The explorer's chart series, each region's values as one string (see `packNumbers`). */
export type PackedSeries = Omit<ExplorerChartSeries, 'byRegion' | 'periods'> & {
  /** the periods' first days, comma-separated ('' when none) */
  periods: string;
  byRegion: { code: string; name: string; values: string }[];
};

export const packSeries: (series: readonly ExplorerChartSeries[]) => PackedSeries[] = packedOncePerFrozen(packSeriesNow);

function packSeriesNow(series: readonly ExplorerChartSeries[]): PackedSeries[] {
  return series.map((s) => ({ ...s, periods: s.periods.join(','), byRegion: s.byRegion.map((r) => ({ ...r, values: packNumbers(r.values) })) }));
}

export function unpackSeries(packed: PackedSeries[]): ExplorerChartSeries[] {
  return packed.map((s) => ({
    ...s,
    periods: s.periods ? s.periods.split(',') : [],
    byRegion: s.byRegion.map((r) => ({ ...r, values: s.periods ? unpackNumbers(r.values) : [] })),
  }));
}

/**
 * The explorer's table rows as they travel to its client component: four comma-separated columns
 * instead of an object per row (a 100-row page was 8 kB of repeated keys in the page's payload,
 * copied several times per view by the server; bench/results/notes.md, 2026-12-05). Region codes,
 * metric keys, ISO days and decimal values never hold a comma.
 */
export type PackedRows = { count: number; region: string; metric: string; periodStart: string; value: string };

export const packRows: (rows: readonly ExplorerRow[]) => PackedRows = packedOncePerFrozen(packRowsNow);

function packRowsNow(rows: readonly ExplorerRow[]): PackedRows {
  const column = (field: keyof ExplorerRow) => rows.map((r) => r[field]).join(',');
  return { count: rows.length, region: column('region'), metric: column('metric'), periodStart: column('periodStart'), value: column('value') };
}

export function unpackRows(packed: PackedRows): ExplorerRow[] {
  if (!packed.count) return [];
  const [region, metric, periodStart, value] = [packed.region, packed.metric, packed.periodStart, packed.value].map((c) => c.split(','));
  return region!.map((r, i) => ({ region: r, metric: metric![i]!, periodStart: periodStart![i]! as ExplorerRow['periodStart'], value: value![i]! }));
}
