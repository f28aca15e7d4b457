import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as metricsRoute from '@/app/api/v1/partnerships/[slug]/metrics/route';
import type { MetricsQuery } from '@/lib/schemas/metrics-api';
import type { Actor } from '@/server/auth/actor';
import { metricsResponse } from '@/server/metrics/api';
import { findExplorerView } from '@/server/metrics/explorer';
import { importMetrics } from '@/server/metrics/import/run';
import { createApiToken } from '@/server/tokens/mutations';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { actorsByRole } from '@/tests/support/actors';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 13, findings 5 to 7: partial periods said in every export, an export imported back as
// it is, and wrong parameters answered in words.
let t: TestDatabase;
let analyst: Actor;
let token: string;
beforeAll(async () => {
  t = await openDemoDatabase('2026-11-23');
  analyst = (await actorsByRole(t.db)).ANALYST;
  token = (await createApiToken(analyst, { ownerId: analyst.userId!, name: 'round trip', readOnly: false })).token;
});
afterAll(() => t?.close());

const view = (q: Partial<MetricsQuery>): MetricsQuery => ({ metrics: [], regions: [], from: null, to: null, granularity: 'day', mode: 'period', format: 'json', download: false, ...q });
const exportText = async (q: Partial<MetricsQuery>) => Buffer.from(await (await metricsResponse(analyst, APPLE_PAY_ALIPAY, view(q))).arrayBuffer());
const preview = (text: string) => importMetrics(analyst, APPLE_PAY_ALIPAY, { text, fileName: 'export.csv', dryRun: true });

describe('partial periods in exports (finding 5)', () => {
  // 2014-10-22 is a Wednesday, 2014-12-29 a Monday: the first week holds 5 of 7 days, the last 1.
  const cut = { metrics: ['cards_added'], regions: ['US'], from: '2014-10-22', to: '2014-12-29', granularity: 'week' as const };

  it('CSV says which periods the range cuts; its columns are unchanged', async () => {
    const text = (await exportText({ ...cut, format: 'csv', download: true })).toString();
    expect(text).toContain('# Partial periods: 2014-10-20 (5 of 7 days); 2014-12-29 (1 of 7 days)\n');
    expect(text).toContain('\nregion,metric,period_start,value\nUS,cards_added,2014-10-20,');
    const whole = (await exportText({ ...cut, from: '2014-10-20', to: '2014-12-28', format: 'csv', download: true })).toString();
    expect(whole).toContain('# Partial periods: none\n');
  });

  it('JSON meta has a partial field (the API read and the download alike); XLSX states it on its About sheet', async () => {
    for (const download of [false, true]) {
      const json = JSON.parse((await exportText({ ...cut, download })).toString()) as { meta: { partial: unknown } };
      expect(json.meta.partial).toEqual([{ periodStart: '2014-10-20', days: 7, covered: 5 }, { periodStart: '2014-12-29', days: 7, covered: 1 }]);
    }
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await exportText({ ...cut, granularity: 'month', format: 'xlsx' })) as unknown as ArrayBuffer);
    const facts = new Map<string, unknown>();
    workbook.getWorksheet('About this export')!.eachRow((row) => facts.set(String(row.getCell(1).value), row.getCell(2).value));
    expect(facts.get('Partial periods')).toBe('2014-10-01 (10 of 31 days); 2014-12-01 (29 of 31 days)');
  });

  it('a view with no range takes the data\'s own first and last day; days are never partial', async () => {
    const open = JSON.parse((await exportText({ metrics: ['cards_added'], regions: ['US'], granularity: 'quarter' })).toString()) as { meta: { partial: { periodStart: string }[] } };
    const span = (await t.db.$queryRaw<{ first: string; last: string }[]>`
      SELECT MIN(day)::text AS first, MAX(day)::text AS last FROM metric_values v JOIN partnerships p ON p.id = v."partnershipId" WHERE p.slug = ${APPLE_PAY_ALIPAY}`)[0]!;
    expect(open.meta.partial.map((p) => p.periodStart)).toEqual(expect.arrayContaining(span.first.endsWith('-10-01') ? [] : ['2014-10-01']));
    const days = JSON.parse((await exportText({ ...cut, granularity: 'day' })).toString()) as { meta: { partial: unknown[] } };
    expect(days.meta.partial).toEqual([]);
  });

  it('the explorer view marks the same periods and offers the whole weeks inside the range', async () => {
    const v = (await findExplorerView(analyst, APPLE_PAY_ALIPAY, view(cut), 1))!;
    expect(v.partial.map((c) => [c.start, c.covered, c.days])).toEqual([['2014-10-20', 5, 7], ['2014-12-29', 1, 7]]);
    expect(v.wholePeriods).toEqual({ from: '2014-10-27', to: '2014-12-28' });
  });
});

describe('export -> import round trip (finding 6)', () => {
  const range = { from: '2014-10-20', to: '2014-12-31' };

  it('a day CSV export of the partnership imports as it is: no problems, every row unchanged', async () => {
    const text = (await exportText({ ...range, format: 'csv', download: true })).toString();
    expect(text.startsWith('# Accord metrics export\n')).toBe(true);
    const rows = text.split('\n').filter((l) => l && !l.startsWith('#')).length - 1;
    expect(rows).toBeGreaterThan(200);
    const report = await preview(text);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ problemCount: 0, rows, inserted: 0, updated: 0, unchanged: rows, changes: [] });
  });

  it('two values edited in the file: the preview shows both, old -> new', async () => {
    const text = (await exportText({ ...range, metrics: ['cards_added', 'payment_volume'], regions: ['US'], format: 'csv', download: true })).toString();
    const lines = text.split('\n');
    const a = lines.findIndex((l) => l.startsWith('US,cards_added,2014-10-21,'));
    const b = lines.findIndex((l) => l.startsWith('US,payment_volume,2014-11-03,'));
    const [oldA, oldB] = [lines[a]!.split(',')[3]!, lines[b]!.split(',')[3]!];
    lines[a] = 'US,cards_added,2014-10-21,350001';
    lines[b] = 'US,payment_volume,2014-11-03,12.5';
    const report = await preview(lines.join('\n'));
    expect(report).toMatchObject({ problemCount: 0, updated: 2, inserted: 0 });
    expect(report.changes).toEqual([
      { region: 'US', metric: 'cards_added', date: '2014-10-21', old: oldA, new: '350001' },
      { region: 'US', metric: 'payment_volume', date: '2014-11-03', old: oldB, new: '12.5' },
    ]);
  });

  it('the preview lists the first 200 changes and counts the rest', async () => {
    const text = (await exportText({ from: '2014-10-20', to: '2015-06-30', metrics: ['cards_added'], format: 'csv', download: true })).toString();
    const edited = text.split('\n').map((l) => (/^[A-Z]{2},cards_added,/.test(l) ? `${l}1` : l)).join('\n');
    const report = await preview(edited);
    expect(report.updated).toBeGreaterThan(200);
    expect(report.changes).toHaveLength(200);
  });

  it('a week, month or quarter export, or a cumulative one, is refused in words; nothing is compared', async () => {
    for (const granularity of ['week', 'month', 'quarter'] as const) {
      const report = await preview((await exportText({ ...range, granularity, format: 'csv', download: true })).toString());
      expect(report.problemCount).toBe(1);
      expect(report.problems[0]).toMatchObject({ line: 7, column: 'granularity', reason: expect.stringMatching(/only day exports can be imported/) });
    }
    const cumulative = await preview((await exportText({ ...range, mode: 'cumulative', format: 'csv', download: true })).toString());
    expect(cumulative.problems).toEqual([expect.objectContaining({ column: 'values', reason: expect.stringMatching(/cumulative values/) })]);
  });

  it('an export of another deal is not loaded into this one by mistake', async () => {
    const text = (await exportText({ ...range, metrics: ['cards_added'], regions: ['US'], format: 'csv', download: true })).toString();
    const report = await importMetrics(analyst, 'another-deal-that-exists-not', { text, fileName: 'x.csv', dryRun: true }).catch((e: unknown) => e);
    expect(report).toMatchObject({ status: 404 });
    const other = await t.db.partnership.findFirstOrThrow({ where: { slug: { not: APPLE_PAY_ALIPAY } }, select: { slug: true } });
    const refused = await importMetrics(analyst, other.slug, { text, fileName: 'x.csv', dryRun: true });
    expect(refused.problems).toEqual([expect.objectContaining({ column: 'partnership', reason: expect.stringMatching(/exported from "apple-pay-alipay"/) })]);
  });
});

describe('the metrics API answers wrong parameters with 400 in words (finding 7)', () => {
  const get = (query: string) => metricsRoute.GET(
    new Request(`http://accord.test/api/v1/partnerships/${APPLE_PAY_ALIPAY}/metrics?${query}`, { headers: { authorization: `Bearer ${token}` } }),
    { params: Promise.resolve({ slug: APPLE_PAY_ALIPAY }) },
  );

  it.each([
    ['from=2015-02-01&to=2015-01-01', 'from', 'The start date is after the end date.'],
    ['granularity=hour', 'granularity', 'Granularity must be day, week, month or quarter.'],
    ['to=soon', 'to', 'The end date "soon" is not a calendar date: write it like 2014-10-20.'],
    ['mode=running', 'mode', 'Values must be per period or cumulative (mode=period or mode=cumulative).'],
  ])('%s', async (query, parameter, message) => {
    const response = await get(query);
    expect(response.status).toBe(400);
    const body = await response.json() as { error: string; parameter: string };
    expect(body).toMatchObject({ error: message, parameter });
    expect(body.error).not.toMatch(/invalid option|expected|received/i);
  });

  it('several wrong parameters are all listed', async () => {
    const body = await (await get('granularity=hour&format=pdf')).json() as { problems: { parameter: string }[] };
    expect(body.problems.map((p) => p.parameter)).toEqual(['granularity', 'format']);
  });
});
