import type { ActivationChart } from './dashboard';
import type { IsoDay } from './dates';
import type { ExplorerChartSeries, ExplorerRow } from './metrics-explorer';

/**
 * The activation chart as it travels from the server page to its browser islands (the chart and
 * its table of numbers). A point per period with a value per region is, for a deal in 60 regions
 * over 90 days, 5,400 keyed numbers: React's payload serializer and the server's HTML pass visited
 * each of them on every view (about a fifth of the flagship dashboard's CPU, issue 14). Here the
 * per-region counts are one string, row by row in `regions` order, so the payload carries a
 * handful of values; the islands unpack it once. A region with no figure for a period is written
 * as such (`!`), kept apart from 0. `ActivationChart` stays the one shape everything else reads.
 */
export type PackedChart = Omit<ActivationChart, 'points'> & {
  /** how many periods (points) */
  count: number;
  /** the periods' first days (ISO days, never a comma), comma-separated */
  periods: string;
  /** periods × regions counts (`packNumbers`), period by period */
  counts: string;
  /** per period, as `packNumbers` writes them: the total, the running total, the target's running total */
  totals: string;
  cumulative: string;
  targets: string;
};

/**
 * The characters a packed number is written in: printable ASCII without what JSON or an HTML
 * script would escape (`"` `\` `<` `>` `&` `'`), without `$` (React's payload marks references
 * with it) and without the three markers below. 84 characters: two of them write 0 to 7,055.
 */
const DIGITS = [...Array(94)].map((_, i) => String.fromCharCode(33 + i)).filter((c) => !`"\\<>&'$!~\``.includes(c)).join('');
const BASE = DIGITS.length; // 84
const TWO_DIGITS = BASE * BASE; // 7,056
/** No figure. */
const NONE = '!';
/** Whole numbers outside 0–7,055, in a row: base 36, comma-separated, between two of these: `~-27u,5g0~`. */
const WIDE = '~';
/** Any other number, as its decimal text between two of these: `` `0.5` ``. */
const DECIMAL = '`';
const DIGIT_VALUE = new Int16Array(128).fill(-1);
for (let i = 0; i < BASE; i++) DIGIT_VALUE[DIGITS.charCodeAt(i)] = i;

/**
 * Numbers (null: no figure) as one string; `unpackNumbers` reverses it exactly. A whole number from
 * 0 to 7,055 (a region's cards on a day, nearly always) is two characters and needs no separator:
 * the counts are most of a flagship page's payload, and every character of it is copied several
 * times per view on the server (~60 ns per character in all; bench/results/notes.md, 2026-12-05 and
 * 2026-12-08). No figure is `!`; other whole numbers in a row are `~`, base 36, comma-separated, `~`;
 * any other number is `` ` ``, its decimal text, `` ` ``. No values at all is the empty string.
 */
export function packNumbers(values: readonly (number | null | undefined)[]): string {
  let out = '';
  let wide = false; // inside a run of wide numbers: `~2750,274c~`
  for (const v of values) {
    const twoDigits = typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < TWO_DIGITS;
    const isWide = !twoDigits && Number.isSafeInteger(v);
    if (wide && !isWide) out += WIDE;
    if (v === null || v === undefined) out += NONE;
    else if (twoDigits) out += DIGITS[(v / BASE) | 0]! + DIGITS[v % BASE]!;
    else if (isWide) out += (wide ? ',' : WIDE) + v.toString(36);
    else out += DECIMAL + String(v) + DECIMAL;
    wide = isWide;
  }
  return wide ? out + WIDE : out;
}

export function unpackNumbers(packed: string): (number | null)[] {
  const values: (number | null)[] = [];
  for (let i = 0; i < packed.length;) {
    const c = packed[i]!;
    if (c === NONE) {
      values.push(null);
      i += 1;
    } else if (c === WIDE || c === DECIMAL) {
      const end = packed.indexOf(c, i + 1);
      if (end < 0) throw new Error('A packed number is not closed.');
      const text = packed.slice(i + 1, end);
      if (c === DECIMAL) values.push(Number(text));
      else {
        for (const field of text.split(',')) {
          if (!/^-?[0-9a-z]+$/.test(field)) throw new Error('A packed number is not a number.');
          values.push(parseInt(field, 36));
        }
      }
      i = end + 1;
    } else {
      const high = DIGIT_VALUE[packed.charCodeAt(i)] ?? -1;
      const low = DIGIT_VALUE[packed.charCodeAt(i + 1)] ?? -1;
      if (high < 0 || low < 0) throw new Error('A packed number has a character it cannot have.');
      values.push(high * BASE + low);
      i += 2;
    }
  }
  return values;
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
