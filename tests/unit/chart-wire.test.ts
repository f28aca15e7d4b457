import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { packChart, packNumbers, packRows, packSeries, unpackChart, unpackNumbers, unpackRows, unpackSeries } from '@/lib/chart-wire';
import type { ExplorerChartSeries, ExplorerRow } from '@/lib/metrics-explorer';
import type { ActivationChart } from '@/lib/dashboard';

const code = fc.stringMatching(/^[A-Z]{2}$/);
const chartArb = fc.uniqueArray(code, { maxLength: 8 }).chain((codes) =>
  fc.record({
    granularity: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
    range: fc.constant({ preset: '90d' as const, from: '2026-01-01', to: '2026-03-31' }),
    regions: fc.constant(codes.map((c) => ({ code: c, name: `Region ${c}` }))),
    points: fc.array(
      fc.record({
        period: fc.integer({ min: 0, max: 20_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10)),
        // A region may have no figure for a period (kept apart from 0), or any finite number.
        byRegion: fc.subarray(codes).chain((present) => fc.tuple(...present.map(() => fc.oneof(fc.integer({ min: -1e9, max: 1e12 }), fc.double({ noNaN: true, noDefaultInfinity: true })))).map((values) => Object.fromEntries(present.map((c, i) => [c, Object.is(values[i], -0) ? 0 : values[i]!])))),
        total: fc.integer(),
        cumulative: fc.integer(),
        targetCumulative: fc.option(fc.integer(), { nil: null }),
      }),
      { maxLength: 40 },
    ),
    events: fc.constant([] as ActivationChart['events']),
    partial: fc.constant([] as ActivationChart['partial']),
    wholePeriods: fc.constant(null),
  }),
);

describe('the chart travels packed to its islands (lib/chart-wire.ts)', () => {
  it('unpacks to exactly the chart that was packed: every count, every missing figure, every period', () => {
    fc.assert(fc.property(chartArb, (chart: ActivationChart) => {
      const packed = packChart(chart);
      // What crosses to the browser is JSON: the round trip goes through it too.
      expect(unpackChart(JSON.parse(JSON.stringify(packed)))).toEqual(chart);
    }), { numRuns: 300 });
  });

  it('carries the counts as one string, not a value per region and period', () => {
    const chart: ActivationChart = {
      granularity: 'day', range: { preset: '7d', from: '2026-01-01', to: '2026-01-02' }, regions: [{ code: 'US', name: 'United States' }, { code: 'CN', name: 'Mainland China' }],
      points: [
        { period: '2026-01-01', byRegion: { US: 10, CN: 0 }, total: 10, cumulative: 10, targetCumulative: null },
        { period: '2026-01-02', byRegion: { US: 5 }, total: 5, cumulative: 15, targetCumulative: 20 },
      ],
      events: [], partial: [], wholePeriods: null,
    };
    const packed = packChart(chart);
    expect(packed.counts).toBe('#0###+!'); // two characters a count (10, 0, 5), `!` for no figure
    expect(packed).toMatchObject({ count: 2, periods: '2026-01-01,2026-01-02', totals: '#0#+', cumulative: '#0#5', targets: '!#:' });
    expect(packed).not.toHaveProperty('points');
    expect(unpackChart(packed).points[1]!.byRegion).toEqual({ US: 5 });

    // A cached (deep-frozen) chart is packed once; a chart that may still change is packed each time.
    const changing = structuredClone(chart);
    const first = packChart(changing);
    changing.points[1]!.byRegion.CN = 7;
    expect(packChart(changing).counts).toBe('#0###+#-');
    expect(first.counts).toBe('#0###+!');
    const frozen = deepFreeze(structuredClone(chart));
    expect(packChart(frozen)).toBe(packChart(frozen));
    expect(packChart(frozen)).toEqual(packed);
    expect(Object.isFrozen(packChart(frozen))).toBe(true);
  });
});

describe('what a page sends does not grow with its periods (issue 14: every value costs the server twice)', () => {
  /** JSON values in a serialized value: what React's payload serializer and its HTML pass each visit. */
  const valuesIn = (v: unknown): number =>
    v !== null && typeof v === 'object' ? 1 + Object.values(v).reduce((n: number, x) => n + valuesIn(x), 0) : 1;
  const chartOf = (days: number): ActivationChart => ({
    granularity: 'day', range: { preset: 'all', from: '2026-01-01', to: '2026-12-31' }, regions: [{ code: 'US', name: 'United States' }, { code: 'HK', name: 'Hong Kong' }],
    points: Array.from({ length: days }, (_, i) => ({
      period: new Date(Date.UTC(2026, 0, 1 + i)).toISOString().slice(0, 10), byRegion: { US: i, HK: 2 * i }, total: 3 * i, cumulative: i * i, targetCumulative: i % 2 ? null : i,
    })),
    events: [], partial: [], wholePeriods: null,
  });

  it('packs the chart of 3 days and of 365 into the same number of values', () => {
    const [few, many] = [chartOf(3), chartOf(365)].map((c) => valuesIn(JSON.parse(JSON.stringify(packChart(c)))));
    expect(many).toBe(few);
  });

  it('packs the explorer\'s series over 3 periods and over 300 into the same number of values', () => {
    const series = (n: number): ExplorerChartSeries[] => [{
      metric: { key: 'cards_activated', name: 'Cards activated', unit: 'cards', aggregation: 'SUM' },
      periods: chartOf(n).points.map((p) => p.period),
      byRegion: [{ code: 'US', name: 'United States', values: Array.from({ length: n }, (_, i) => (i % 3 ? i : null)) }],
    }];
    expect(valuesIn(JSON.parse(JSON.stringify(packSeries(series(300)))))).toBe(valuesIn(JSON.parse(JSON.stringify(packSeries(series(3))))));
  });

  it('packs the explorer\'s rows of 3 and of 300 into the same number of values', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ region: 'US', metric: 'cards_activated', periodStart: '2026-01-01', value: String(i) }));
    expect(valuesIn(packRows(rows(300)))).toBe(valuesIn(packRows(rows(3))));
  });
});

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

const seriesArb: fc.Arbitrary<ExplorerChartSeries[]> = fc.array(
  fc.integer({ min: 0, max: 30 }).chain((length) =>
    fc.record({
      metric: fc.record({ key: fc.constantFrom('cards_added', 'active_cards'), name: fc.string(), unit: fc.constant('cards'), aggregation: fc.constantFrom('SUM' as const, 'LAST' as const) }),
      periods: fc.array(fc.constant('2026-01-01'), { minLength: length, maxLength: length }),
      byRegion: fc.array(fc.record({
        code: code, name: fc.string(),
        values: fc.array(fc.option(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v))), { nil: null }), { minLength: length, maxLength: length }),
      }), { maxLength: 5 }),
    }),
  ),
  { maxLength: 4 },
);

describe('numbers travel as two characters when whole from 0 to 7,055, marked otherwise', () => {
  it('reverses exactly for every number: integers at the safe limits, fractions, huge and tiny values, no figure', () => {
    const values = [0, 1, -1, 35, 36, 2874, -2874, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, 2 ** 60, -(2 ** 60), 0.1, -1.5, 1e21, 5e-324, null];
    expect(unpackNumbers(packNumbers(values))).toEqual(values);
    expect(packNumbers([2874, null, 0.5, -10, 7055, 7056])).toBe('J8!`0.5`~-a~}}~5g0~');
    expect(packNumbers([7056, -1, 3, 10000, null, 2 ** 40])).toBe('~5g0,-1~#)~7ps~!~e13wu1og~');
    expect(packNumbers([])).toBe('');
    expect(unpackNumbers('')).toEqual([]);
    // Nothing in a packed string is escaped by JSON or by an HTML script, and no field starts with React's `$`.
    fc.assert(fc.property(fc.array(fc.option(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })), { nil: null })), (xs) => {
      const packed = packNumbers(xs);
      expect(JSON.stringify(packed)).toBe(`"${packed}"`);
      expect(packed).not.toMatch(/[<>&'$]/);
    }), { numRuns: 300 });
    // A damaged string is refused, not read as other numbers.
    expect(() => unpackNumbers('#')).toThrow();
    expect(() => unpackNumbers('~5g')).toThrow();
    expect(() => unpackNumbers('~5g,~')).toThrow();
    expect(() => unpackNumbers('#é')).toThrow();
    fc.assert(fc.property(fc.array(fc.option(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double({ noNaN: true, noDefaultInfinity: true })), { nil: null }), { minLength: 1 }), (xs) => {
      // (No values at all is the callers' case: they know the number of periods.)
      const normal = xs.map((x) => (Object.is(x, -0) ? 0 : x));
      expect(unpackNumbers(packNumbers(normal))).toEqual(normal);
    }), { numRuns: 500 });
  });
});

describe('the explorer chart travels packed too', () => {
  it('unpacks to exactly the series that were packed, nulls and empty series included', () => {
    fc.assert(fc.property(seriesArb, (series) => {
      expect(unpackSeries(JSON.parse(JSON.stringify(packSeries(series))))).toEqual(series);
    }), { numRuns: 300 });
  });

  it('packs a kept (deep-frozen) view once and a changing one each time', () => {
    const series: ExplorerChartSeries[] = [{
      metric: { key: 'cards_added', name: 'Cards added', unit: 'cards', aggregation: 'SUM' },
      periods: ['2026-01-01', '2026-01-02'],
      byRegion: [{ code: 'US', name: 'United States', values: [3, null] }],
    }];
    const changing = structuredClone(series);
    const first = packSeries(changing);
    changing[0]!.byRegion[0]!.values[1] = 4;
    expect(packSeries(changing)[0]!.byRegion[0]!.values).toBe('#)#*');
    expect(first[0]!.byRegion[0]!.values).toBe('#)!');
    const frozen = deepFreeze(structuredClone(series));
    expect(packSeries(frozen)).toBe(packSeries(frozen));
    expect(packSeries(frozen)).toEqual(first);
    expect(Object.isFrozen(packSeries(frozen))).toBe(true);
  });
});

describe('the explorer table rows travel as columns', () => {
  const rowArb = fc.record({
    region: code,
    metric: fc.stringMatching(/^[a-z][a-z0-9_]{0,20}$/),
    periodStart: fc.integer({ min: 0, max: 20_000 }).map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10) as ExplorerRow['periodStart']),
    // What the database's numeric text looks like: integers, decimals, negatives.
    value: fc.oneof(fc.integer({ min: -1e9, max: 1e12 }).map(String), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e9, max: 1e9 }).map((v) => v.toFixed(4))),
  });

  it('unpacks to exactly the rows that were packed, in order, the empty page included', () => {
    fc.assert(fc.property(fc.array(rowArb, { maxLength: 120 }), (rows) => {
      expect(unpackRows(JSON.parse(JSON.stringify(packRows(rows))))).toEqual(rows);
    }), { numRuns: 300 });
    expect(unpackRows(packRows([]))).toEqual([]);
  });

  it('sends four strings for a page of rows, and packs a kept page once', () => {
    const rows: ExplorerRow[] = [
      { region: 'US', metric: 'cards_added', periodStart: '2026-01-01', value: '313' },
      { region: 'CN', metric: 'cards_added', periodStart: '2026-01-01', value: '0.5' },
    ];
    expect(packRows(rows)).toEqual({ count: 2, region: 'US,CN', metric: 'cards_added,cards_added', periodStart: '2026-01-01,2026-01-01', value: '313,0.5' });
    const frozen = deepFreeze(structuredClone(rows));
    expect(packRows(frozen)).toBe(packRows(frozen));
    expect(packRows(rows)).not.toBe(packRows(rows));
  });
});
