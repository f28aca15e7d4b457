import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '@/lib/dates';
import { GRANULARITIES } from '@/lib/granularity';
import { EXPLORER_PAGE_SIZE, EXPLORER_ROW_LIMIT } from '@/lib/metrics-explorer';
import { SYSTEM_ACTOR } from '@/server/auth/actor';
import { findExplorerView } from '@/server/metrics/explorer';
import { metricSpan } from '@/server/metrics/aggregate';
import { resolveMetricsQuery, viewRowPages, type MetricRow } from '@/server/metrics/rows';
import { PART_ROWS } from '@/server/metrics/view-query';
import { addMetricSeries, createPartnership, ensureMetrics } from '@/tests/factories/builders';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await openDemoDatabase('2026-11-23');
});
afterAll(() => t?.close());

/** The view's rows as the API and the XLSX export read them, a part at a time. */
async function collectPages(slug: string, query: Parameters<typeof resolveMetricsQuery>[2]) {
  const q = await resolveMetricsQuery(SYSTEM_ACTOR, slug, query);
  const pages: MetricRow[][] = [];
  for await (const page of viewRowPages(q, await metricSpan(q.partnership.id))) pages.push(page);
  return pages;
}
const collect = async (slug: string, query: Parameters<typeof resolveMetricsQuery>[2]) => (await collectPages(slug, query)).flat();

const BUCKET: Record<string, string> = {
  day: 'x.day',
  week: `x.day - (EXTRACT(ISODOW FROM x.day)::int - 1)`,
  month: `make_date(EXTRACT(YEAR FROM x.day)::int, EXTRACT(MONTH FROM x.day)::int, 1)`,
  quarter: `make_date(EXTRACT(YEAR FROM x.day)::int, ((EXTRACT(MONTH FROM x.day)::int - 1) / 3) * 3 + 1, 1)`,
};

describe('metrics API rows equal the database, for random filters', () => {
  it('every page boundary, granularity and filter combination (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(APPLE_PAY_ALIPAY, 'orbit-wallet-harbor-bank'),
        fc.subarray(['cards_added', 'transactions', 'payment_volume'], { minLength: 1 }),
        fc.subarray(['US', 'GB', 'SG', 'AU', 'CN']),
        fc.constantFrom(...GRANULARITIES),
        fc.integer({ min: 0, max: 4000 }),
        fc.integer({ min: 0, max: 900 }),
        async (slug, metrics, regions, granularity, startOffset, length) => {
          const from = new Date(Date.UTC(2014, 9, 20) + startOffset * 86_400_000).toISOString().slice(0, 10);
          const to = new Date(Date.UTC(2014, 9, 20) + (startOffset + length) * 86_400_000).toISOString().slice(0, 10);
          const rows = await collect(slug, { metrics, regions, from, to, granularity, format: 'json', mode: 'period', download: false });
          const expected = await t.db.$queryRawUnsafe<{ metric: string; region: string; bucket: string; total: string }[]>(
            `SELECT m.key AS metric, r.code AS region, to_char(${BUCKET[granularity]}, 'YYYY-MM-DD') AS bucket, trim_scale(SUM(x.value))::text AS total
             FROM metric_values x JOIN partnerships p ON p.id = x."partnershipId" JOIN metrics m ON m.id = x."metricId" JOIN regions r ON r.id = x."regionId"
             WHERE p.slug = $1 AND m.key = ANY($2::text[]) AND ($3::text[] = '{}' OR r.code = ANY($3::text[])) AND x.day BETWEEN $4::date AND $5::date
             GROUP BY 1, 2, 3`, slug, metrics, regions, from, to);
          const key = (m: string, r: string, b: string) => `${m}|${r}|${b}`;
          expect(new Map(rows.map((r) => [key(r.metric, r.region, r.period_start), r.value])))
            .toEqual(new Map(expected.map((e) => [key(e.metric, e.region, e.bucket), e.total])));
          // Totals per metric equal the database's own total over the same filter.
          for (const metric of metrics) {
            const [db] = await t.db.$queryRawUnsafe<{ total: string | null }[]>(
              `SELECT trim_scale(SUM(x.value))::text AS total FROM metric_values x JOIN partnerships p ON p.id = x."partnershipId"
               JOIN metrics m ON m.id = x."metricId" JOIN regions r ON r.id = x."regionId"
               WHERE p.slug = $1 AND m.key = $2 AND ($3::text[] = '{}' OR r.code = ANY($3::text[])) AND x.day BETWEEN $4::date AND $5::date`,
              slug, metric, regions, from, to);
            const ours = rows.filter((r) => r.metric === metric).reduce((s, r) => s + Number(r.value), 0);
            expect(ours).toBeCloseTo(Number(db?.total ?? 0), 2);
          }
        },
      ),
      { numRuns: 12, seed: 20261123 },
    );
  });

  it('reads a view bigger than one part, part by part, without gaps or repeats', async () => {
    const pages = await collectPages(APPLE_PAY_ALIPAY, { metrics: [], regions: [], from: null, to: null, granularity: 'day', format: 'json', mode: 'period', download: false });
    const rows = pages.flat();
    expect(pages.length).toBeGreaterThan(1);
    expect(Math.max(...pages.map((p) => p.length))).toBeLessThanOrEqual(PART_ROWS.objects);
    const [count] = await t.db.$queryRaw<{ n: bigint }[]>`
      SELECT COUNT(*) AS n FROM metric_values x JOIN partnerships p ON p.id = x."partnershipId" WHERE p.slug = ${APPLE_PAY_ALIPAY}`;
    expect(rows.length).toBe(Number(count!.n));
    expect(new Set(rows.map((r) => `${r.metric}|${r.region}|${r.period_start}`)).size).toBe(rows.length);
    expect(rows.filter((r) => r.metric === 'cards_added' && r.period_start <= '2014-10-22').map((r) => r.value)).toEqual(['400000', '350000', '250000']);
  });

  it('names an unknown metric or region, and 404s an unknown slug', async () => {
    const base = { metrics: [], regions: [], from: null, to: null, granularity: 'day' as const, format: 'json' as const, mode: 'period' as const, download: false };
    await expect(resolveMetricsQuery(SYSTEM_ACTOR, APPLE_PAY_ALIPAY, { ...base, metrics: ['cards_lost'] })).rejects.toMatchObject({ status: 400, details: { parameter: 'metric' } });
    await expect(resolveMetricsQuery(SYSTEM_ACTOR, APPLE_PAY_ALIPAY, { ...base, regions: ['XX'] })).rejects.toMatchObject({ status: 400, details: { parameter: 'region' } });
    await expect(resolveMetricsQuery(SYSTEM_ACTOR, 'nope', base)).rejects.toMatchObject({ status: 404 });
  });
});

describe('the explorer view', () => {
  const q = { metrics: [], regions: [], from: null, to: null, granularity: 'day' as const, mode: 'period' as const, format: 'json' as const, download: false };

  it('shows a view within the screen limit whole, paged, with the chart from the same rows', async () => {
    const view = (await findExplorerView(SYSTEM_ACTOR, APPLE_PAY_ALIPAY, { ...q, metrics: ['cards_added'], regions: ['US'], from: '2014-10-20', to: '2015-03-31' }, 2))!;
    const all = await collect(APPLE_PAY_ALIPAY, { ...q, metrics: ['cards_added'], regions: ['US'], from: '2014-10-20', to: '2015-03-31' });
    expect(view).toMatchObject({ tooMany: false, total: all.length, page: 2 });
    expect(view.rows.map((r) => r.value)).toEqual(all.slice(EXPLORER_PAGE_SIZE, 2 * EXPLORER_PAGE_SIZE).map((r) => r.value));
    expect(view.chart![0]!.byRegion[0]!.values.filter((v) => v !== null)).toHaveLength(all.length);
  });

  it('counts a view over the screen limit instead of showing it', async () => {
    // 3 regions x 4 metrics x 1,800 days = 21,600 daily rows: over the screen's 20,000.
    const owner = await t.db.user.findFirstOrThrow({ select: { id: true } });
    const p = await createPartnership(t.db, { ownerId: owner.id, slug: 'explorer-too-many' });
    const metrics = await ensureMetrics(t.db);
    const points = Array.from({ length: 1800 }, (_, i) => ({ day: addDays('2020-01-01', i), value: i }));
    for (const code of ['US', 'GB', 'SG']) {
      const region = await t.db.region.findUniqueOrThrow({ where: { code } });
      for (const m of Object.values(metrics)) await addMetricSeries(t.db, { partnershipId: p.id, regionId: region.id, metricId: m.id, points });
    }
    const all = { ...q, metrics: ['cards_added', 'active_cards', 'transactions', 'payment_volume'], from: '2020-01-01', to: '2026-11-23' };
    const view = (await findExplorerView(SYSTEM_ACTOR, 'explorer-too-many', all, 1))!;
    expect(21_600).toBeGreaterThan(EXPLORER_ROW_LIMIT);
    expect(view).toMatchObject({ tooMany: true, total: 21_600, rows: [], chart: null });
  });
});
