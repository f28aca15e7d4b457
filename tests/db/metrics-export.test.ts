import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRANULARITIES } from '@/lib/granularity';
import type { MetricsQuery } from '@/lib/schemas/metrics-api';
import type { Actor } from '@/server/auth/actor';
import { metricsResponse } from '@/server/metrics/api';
import { addMetricSeries, createPartnership, ensureMetrics, ensureRegion } from '@/tests/factories/builders';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { actorsByRole } from '@/tests/support/actors';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
let analyst: Actor;
let executive: Actor;
const HOSTILE = 'hostile-cells';
// Every prefix a spreadsheet reads as a formula or a control: = + - @ tab CR.
const PREFIXES = ['=', '+', '-', '@', '\t', '\r'];

beforeAll(async () => {
  t = await openDemoDatabase('2026-11-23');
  const actors = await actorsByRole(t.db);
  analyst = actors.ANALYST;
  executive = actors.EXECUTIVE;
  const metrics = await ensureMetrics(t.db);
  const p = await createPartnership(t.db, { ownerId: analyst.userId!, slug: HOSTILE, name: '=HYPERLINK("http://evil.test","Click")' });
  for (const [i, prefix] of PREFIXES.entries()) {
    const region = await ensureRegion(t.db, { code: `${prefix}R${i}`, name: `${prefix}Region ${i}`, timeZone: 'UTC' });
    await addMetricSeries(t.db, { partnershipId: p.id, regionId: region.id, metricId: metrics.cards_added!.id, points: [{ day: '2020-01-01', value: i + 1 }] });
  }
});
afterAll(() => t?.close());

const view = (q: Partial<MetricsQuery>): MetricsQuery => ({ metrics: [], regions: [], from: null, to: null, granularity: 'day', mode: 'period', format: 'json', download: false, ...q });
type Row = { region: string; metric: string; period_start: string; value: number };

async function exportOf(slug: string, q: Partial<MetricsQuery>, who: Actor = analyst) {
  const response = await metricsResponse(who, slug, view(q));
  return { response, bytes: Buffer.from(await response.arrayBuffer()) };
}
const jsonRows = async (slug: string, q: Partial<MetricsQuery>) => JSON.parse((await exportOf(slug, { ...q, format: 'json' })).bytes.toString()) as { rows: Row[]; count: number; meta: Record<string, unknown> };
function csvRows(text: string): Row[] {
  const records = parse(text, { comment: '#', columns: true }) as Record<string, string>[];
  return records.map((r) => ({ region: r.region!, metric: r.metric!, period_start: r.period_start!, value: Number(r.value) }));
}
async function xlsxSheets(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  return { data: workbook.getWorksheet('Metrics')!, about: workbook.getWorksheet('About this export')! };
}
function xlsxRows(sheet: ExcelJS.Worksheet): Row[] {
  const rows: Row[] = [];
  sheet.eachRow((row, n) => {
    if (n === 1) return;
    const [region, metric, period, value] = [1, 2, 3, 4].map((c) => row.getCell(c).value);
    rows.push({ region: String(region), metric: String(metric), period_start: (period as Date).toISOString().slice(0, 10), value: value as number });
  });
  return rows;
}

describe('exports: the same rows in JSON, CSV and XLSX, stating what they hold', () => {
  it('for random views, JSON = CSV = XLSX row for row, and totals equal the database (property)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.subarray(['cards_added', 'active_cards', 'payment_volume'], { minLength: 1 }),
        fc.subarray(['US', 'GB', 'CN']),
        fc.constantFrom(...GRANULARITIES),
        fc.constantFrom('period' as const, 'cumulative' as const),
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 0, max: 200 }),
        async (metrics, regions, granularity, mode, start, length) => {
          const from = new Date(Date.UTC(2014, 9, 1) + start * 86_400_000).toISOString().slice(0, 10);
          const to = new Date(Date.UTC(2014, 9, 1) + (start + length) * 86_400_000).toISOString().slice(0, 10);
          const q = { metrics, regions, from, to, granularity, mode };
          const json = await jsonRows(APPLE_PAY_ALIPAY, q);
          const csv = csvRows((await exportOf(APPLE_PAY_ALIPAY, { ...q, format: 'csv', download: true })).bytes.toString());
          const xlsx = xlsxRows((await xlsxSheets((await exportOf(APPLE_PAY_ALIPAY, { ...q, format: 'xlsx' })).bytes)).data);
          expect(json.count).toBe(json.rows.length);
          expect(csv).toEqual(json.rows);
          expect(xlsx).toEqual(json.rows);
          // Per-period flows add up to the database's own sum; cumulative ends at the all-time sum up to `to`.
          for (const metric of metrics.filter((m) => m !== 'active_cards')) {
            const [db] = await t.db.$queryRaw<{ total: number | null; upto: number | null }[]>`
              SELECT SUM(v.value) FILTER (WHERE v.day >= ${from}::date)::float8 AS total, SUM(v.value)::float8 AS upto
              FROM metric_values v JOIN partnerships p ON p.id = v."partnershipId" JOIN metrics m ON m.id = v."metricId" JOIN regions r ON r.id = v."regionId"
              WHERE p.slug = ${APPLE_PAY_ALIPAY} AND m.key = ${metric} AND (cardinality(${regions}::text[]) = 0 OR r.code = ANY(${regions}::text[])) AND v.day <= ${to}::date`;
            const mine = json.rows.filter((r) => r.metric === metric);
            if (mode === 'period') expect(mine.reduce((s, r) => s + r.value, 0)).toBeCloseTo(db?.total ?? 0, 2);
            else {
              const lastPerRegion = new Map(mine.map((r) => [r.region, r.value]));
              expect([...lastPerRegion.values()].reduce((s, v) => s + v, 0)).toBeCloseTo(mine.length ? (db?.upto ?? 0) : 0, 2);
            }
          }
        },
      ),
      { numRuns: 10, seed: 20261124 },
    );
  });

  it('CSV states its filters, as-of time, conventions and row count; the last line proves it is complete', async () => {
    const { response, bytes } = await exportOf(APPLE_PAY_ALIPAY, { metrics: ['cards_added'], regions: ['US'], from: '2014-10-20', to: '2014-10-26', granularity: 'day', format: 'csv', download: true });
    const text = bytes.toString();
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="apple-pay-alipay_cards_added_2014-10-20_2014-10-26_day.csv"');
    expect(text).toMatch(/^# Accord metrics export\n# Partnership: Apple Pay × Alipay \(apple-pay-alipay\)\n# Metrics: cards_added\n# Regions: US\n# From: 2014-10-20\n# To: 2014-10-26\n# Granularity: day\n/);
    expect(text).toContain("# Buckets: Each region's local calendar day; weeks are ISO weeks starting Monday");
    expect(text).toMatch(/# As of: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\n/);
    expect(text).toContain('region,metric,period_start,value\nUS,cards_added,2014-10-20,400000\nUS,cards_added,2014-10-21,350000\nUS,cards_added,2014-10-22,250000\n');
    expect(text.trimEnd().split('\n').at(-1)).toBe('# Rows: 7 (end of export)');
  });

  it('a view with no rows, in one part or in many, is still a whole file in every format', async () => {
    // Before the first value (one part) and over the whole history of a region without values (many parts).
    const views = [
      { metrics: ['active_cards', 'payment_volume'], regions: ['CN'], from: '2010-01-01', to: '2010-03-01', granularity: 'week' as const, mode: 'cumulative' as const },
      { metrics: [], regions: [], from: '2001-01-01', to: '2014-01-01', granularity: 'day' as const, mode: 'period' as const },
    ];
    for (const q of views) {
      const csv = (await exportOf(APPLE_PAY_ALIPAY, { ...q, format: 'csv', download: true })).bytes.toString();
      expect(csv).toMatch(/region,metric,period_start,value\n# Rows: 0 \(end of export\)\n$/);
      expect((await jsonRows(APPLE_PAY_ALIPAY, q))).toMatchObject({ rows: [], count: 0 });
      const { data, about } = await xlsxSheets((await exportOf(APPLE_PAY_ALIPAY, { ...q, format: 'xlsx' })).bytes);
      expect(xlsxRows(data)).toEqual([]);
      expect(about.getColumn(2).values).toContain(0);
    }
  });

  it('XLSX cells are typed (text, dates, numbers) and the About sheet states filters and row count', async () => {
    const { response, bytes } = await exportOf(APPLE_PAY_ALIPAY, { metrics: ['cards_added'], regions: ['US'], from: '2014-10-20', to: '2014-10-22', format: 'xlsx' });
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const { data, about } = await xlsxSheets(bytes);
    expect(data.getRow(1).values).toEqual([undefined, 'region', 'metric', 'period_start', 'value']);
    const first = data.getRow(2);
    expect(first.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(first.getCell(3).type).toBe(ExcelJS.ValueType.Date);
    expect(first.getCell(3).value).toEqual(new Date('2014-10-20T00:00:00.000Z'));
    expect(first.getCell(3).numFmt).toBe('yyyy-mm-dd');
    expect(first.getCell(4).type).toBe(ExcelJS.ValueType.Number);
    expect(first.getCell(4).value).toBe(400000);
    const facts = new Map<string, unknown>();
    about.eachRow((row) => facts.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(facts.get('Rows')).toBe(3);
    expect(facts.get('Metrics')).toBe('cards_added');
    expect(facts.get('From')).toBe('2014-10-20');
    expect(String(facts.get('Buckets'))).toMatch(/local calendar day/);
  });

  it('neutralises every formula prefix in CSV and XLSX cells, including the metadata', async () => {
    const csv = (await exportOf(HOSTILE, { format: 'csv', download: true })).bytes.toString();
    const records = parse(csv, { comment: '#', columns: true, relax_quotes: true }) as Record<string, string>[];
    // (the CSV reader hands a quoted CR back as LF; the file itself holds the CR)
    expect(records.map((r) => r.region!.replace('\n', '\r')).sort()).toEqual(PREFIXES.map((p, i) => `'${p}R${i}`).sort());
    expect(csv).toContain(`"'\rR5"`);
    for (const r of records) expect(r.region!.startsWith("'")).toBe(true);

    const { data, about } = await xlsxSheets((await exportOf(HOSTILE, { format: 'xlsx' })).bytes);
    const regions: unknown[] = [];
    data.eachRow((row, n) => {
      if (n > 1) regions.push(row.getCell(1).value);
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
    });
    // (XML reads a raw CR back as LF, as Excel would)
    expect(regions.map((r) => String(r).replace('\n', '\r')).sort()).toEqual(PREFIXES.map((p, i) => `'${p}R${i}`).sort());
    about.eachRow((row) => {
      const value = row.getCell(2).value;
      if (typeof value === 'string') expect(value).not.toMatch(/^[=+\-@\t\r]/);
      row.eachCell((cell) => expect(cell.type).not.toBe(ExcelJS.ValueType.Formula));
    });
  });

  it('every export is written to the audit trail with its filters and row count; plain JSON reads are not', async () => {
    const count = async () => (await t.db.auditEvent.count({ where: { action: 'metrics.exported' } }));
    const before = await count();
    await exportOf(APPLE_PAY_ALIPAY, { metrics: ['transactions'], regions: ['US'], from: '2015-01-01', to: '2015-01-31', granularity: 'week', format: 'xlsx' });
    const downloaded = JSON.parse((await exportOf(APPLE_PAY_ALIPAY, { metrics: ['transactions'], from: '2015-01-01', to: '2015-01-31', format: 'json', download: true })).bytes.toString()) as { count: number };
    await exportOf(APPLE_PAY_ALIPAY, { metrics: ['transactions'], from: '2015-01-01', to: '2015-01-31', format: 'json' });
    expect(await count()).toBe(before + 2);
    const [json, xlsx] = await t.db.auditEvent.findMany({ where: { action: 'metrics.exported' }, orderBy: { id: 'desc' }, take: 2 });
    expect(downloaded.count).toBeGreaterThan(0);
    expect(json!.context).toMatchObject({ via: 'explorer', format: 'json', completed: true, rows: downloaded.count, filters: { metrics: ['transactions'], from: '2015-01-01', to: '2015-01-31' } });
    expect(xlsx!.context).toMatchObject({ via: 'api', format: 'xlsx', completed: true, rows: 5, filters: { regions: ['US'], granularity: 'week' } });
    expect(xlsx!.actorLabel).toBe(analyst.label);
  });

  it('an executive may read JSON but not export', async () => {
    expect((await exportOf(APPLE_PAY_ALIPAY, { metrics: ['cards_added'], from: '2014-10-20', to: '2014-10-20' }, executive)).response.status).toBe(200);
    for (const q of [{ format: 'csv' as const }, { format: 'xlsx' as const }, { format: 'json' as const, download: true }]) {
      await expect(metricsResponse(executive, APPLE_PAY_ALIPAY, view(q))).rejects.toMatchObject({ status: 403 });
    }
  });
});
