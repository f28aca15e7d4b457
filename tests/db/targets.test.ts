import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as targetsImportRoute from '@/app/api/v1/partnerships/[slug]/targets/import/route';
import * as targetsRoute from '@/app/api/v1/partnerships/[slug]/targets/route';
import type { Actor } from '@/server/auth/actor';
import { aggregateMetric } from '@/server/metrics/aggregate';
import { saveTargetsCommand } from '@/server/targets/commands';
import { importTargets } from '@/server/targets/import';
import { findTargetsPage } from '@/server/targets/queries';
import { createApiToken } from '@/server/tokens/mutations';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { actorsByRole } from '@/tests/support/actors';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
let actors: Awaited<ReturnType<typeof actorsByRole>>;
let appleId: string;
let token: string;
let readOnlyToken: string;

beforeAll(async () => {
  t = await openDemoDatabase('2026-11-23');
  actors = await actorsByRole(t.db);
  appleId = (await t.db.partnership.findUniqueOrThrow({ where: { slug: APPLE_PAY_ALIPAY } })).id;
  token = (await createApiToken(actors.ANALYST, { ownerId: actors.ANALYST.userId!, name: 'targets', readOnly: false })).token;
  readOnlyToken = (await createApiToken(actors.ANALYST, { ownerId: actors.ANALYST.userId!, name: 'read', readOnly: true })).token;
});
afterAll(() => t?.close());

/** Everything a targets save could touch: every target row with its value, and the audit trail. */
async function fingerprint() {
  const [row] = await t.db.$queryRaw<{ targets: string; audit: number }[]>`
    SELECT md5(COALESCE(string_agg(concat_ws('|', "partnershipId", "regionId", "metricId", day, value, version), ',' ORDER BY "partnershipId", "regionId", "metricId", day), '')) AS targets,
           (SELECT COUNT(*)::int FROM audit_events WHERE action <> 'token.used') AS audit
    FROM metric_targets`;
  return row!;
}

/** The stored day rows of one month, read with independent SQL. */
async function days(region: string, metric: string, month: string) {
  return t.db.$queryRaw<{ day: string; value: string }[]>`
    SELECT t.day::text AS day, t.value::text AS value FROM metric_targets t
    JOIN regions r ON r.id = t."regionId" JOIN metrics m ON m.id = t."metricId"
    WHERE t."partnershipId" = ${appleId} AND r.code = ${region} AND m.key = ${metric} AND to_char(t.day, 'YYYY-MM') = ${month}
    ORDER BY t.day`;
}
const sumText = async (region: string, metric: string, month: string) => {
  const [row] = await t.db.$queryRaw<{ s: string | null }[]>`
    SELECT trim_scale(SUM(t.value))::text AS s FROM metric_targets t JOIN regions r ON r.id = t."regionId" JOIN metrics m ON m.id = t."metricId"
    WHERE t."partnershipId" = ${appleId} AND r.code = ${region} AND m.key = ${metric} AND to_char(t.day, 'YYYY-MM') = ${month}`;
  return row?.s ?? null;
};

const form = (cells: Record<string, [string, string]>) => {
  const raw: Record<string, string> = { partnershipSlug: APPLE_PAY_ALIPAY };
  for (const [cell, [value, seen]] of Object.entries(cells)) {
    raw[`target|${cell}`] = value;
    raw[`seen|${cell}`] = seen;
  }
  return raw;
};

async function api(method: 'GET' | 'PUT', query: string, body?: unknown, bearer: string | null = token, slug = APPLE_PAY_ALIPAY) {
  const request = new Request(`http://accord.test/api/v1/partnerships/${slug}/targets${query}`, {
    method,
    // Without a token, as a page of the site would send it (its origin: the CSRF check passes, the 401 is the answer).
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : { origin: 'http://accord.test', 'x-forwarded-host': 'accord.test' }), 'content-type': 'application/json' },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const handler = method === 'GET' ? targetsRoute.GET : targetsRoute.PUT;
  const response = await handler(request, { params: Promise.resolve({ slug }) });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('saving a monthly target', () => {
  it('stores the exact day spread, which the dashboard aggregate reads back by month and quarter; one audit row', async () => {
    const before = await fingerprint();
    const result = await saveTargetsCommand(actors.ANALYST, form({ 'US|cards_added|2027-01': ['1000000.0001', ''], 'US|cards_added|2027-02': ['100', ''], 'HK|transactions|2028-02': ['29.0029', ''] }));
    expect(result).toMatchObject({ status: 'success', message: 'Saved 3 months of targets.' });
    const jan = await days('US', 'cards_added', '2027-01');
    expect(jan.length).toBe(31);
    expect(jan[0]).toEqual({ day: '2027-01-01', value: '32258.0646' });
    expect(jan.at(-1)).toEqual({ day: '2027-01-31', value: '32258.0645' });
    expect(await sumText('US', 'cards_added', '2027-01')).toBe('1000000.0001');
    const feb = await days('US', 'cards_added', '2027-02');
    expect(feb.length).toBe(28);
    expect(await sumText('US', 'cards_added', '2027-02')).toBe('100');
    expect((await days('HK', 'transactions', '2028-02')).map((d) => Number(d.value))).toEqual(Array(29).fill(1.0001));

    const base = { partnershipId: appleId, metricKey: 'cards_added', table: 'targets' as const, regions: ['US'], audience: 'all' as const };
    expect(await aggregateMetric({ ...base, from: '2027-01-01', to: '2027-03-31', granularity: 'month' })).toEqual([
      { periodStart: '2027-01-01', region: 'US', value: 1000000.0001 },
      { periodStart: '2027-02-01', region: 'US', value: 100 },
    ]);
    expect(await aggregateMetric({ ...base, from: '2027-01-01', to: '2027-03-31', granularity: 'quarter' })).toEqual([{ periodStart: '2027-01-01', region: 'US', value: 1000100.0001 }]);

    const after = await fingerprint();
    expect(after.audit - before.audit).toBe(1);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'targets.updated' }, orderBy: { id: 'desc' } });
    expect(event).toMatchObject({ entityType: 'Partnership', entityId: appleId, partnershipId: appleId, actorId: actors.ANALYST.userId });
    expect(event.before).toEqual({ 'target US cards_added 2027-01': null, 'target US cards_added 2027-02': null, 'target HK transactions 2028-02': null });
    expect(event.after).toEqual({ 'target US cards_added 2027-01': '1000000.0001', 'target US cards_added 2027-02': '100', 'target HK transactions 2028-02': '29.0029' });
  });

  it('the page shows the monthly sums; unchanged cells are not sent; a blank cell clears its month', async () => {
    const page = await findTargetsPage(actors.ANALYST, APPLE_PAY_ALIPAY, 2027);
    const grid = page.grids.find((g) => g.metric.key === 'cards_added')!;
    expect(grid.rows.map((r) => r.region).sort()).toEqual(['CN', 'HK', 'US']);
    expect(grid.rows.find((r) => r.region === 'US')!.months).toEqual({ '2027-01': '1000000.0001', '2027-02': '100' });
    expect(page.grids.map((g) => g.metric.key)).toEqual(expect.arrayContaining(['cards_added', 'transactions']));

    const same = await saveTargetsCommand(actors.BUSINESS_DEVELOPMENT, form({ 'US|cards_added|2027-01': ['1000000.0001', '1000000.0001'] }));
    expect(same).toMatchObject({ status: 'success', message: 'Nothing changed.' });
    const cleared = await saveTargetsCommand(actors.BUSINESS_DEVELOPMENT, form({ 'US|cards_added|2027-02': ['', '100'] }));
    expect(cleared).toMatchObject({ status: 'success', message: 'Saved 1 month of targets.' });
    expect(await days('US', 'cards_added', '2027-02')).toEqual([]);
  });

  it('refuses, with nothing written: executive, bad month, negative, too precise, stale figure, unknown region/metric, region not on the deal', async () => {
    const cases: [string, Actor, Record<string, string>, number, RegExp][] = [
      ['executive', actors.EXECUTIVE, form({ 'US|cards_added|2027-03': ['5', ''] }), 403, /targets\.update/],
      ['bad month', actors.ANALYST, form({ 'US|cards_added|2027-13': ['5', ''] }), 422, /attention/],
      ['negative', actors.ANALYST, form({ 'US|cards_added|2027-03': ['-5', ''] }), 422, /attention/],
      ['too precise', actors.ANALYST, form({ 'US|cards_added|2027-03': ['1.00001', ''] }), 422, /attention/],
      ['absurd', actors.ANALYST, form({ 'US|cards_added|2027-03': ['1000000000000001', ''] }), 422, /attention/],
      ['stale expected value', actors.ANALYST, form({ 'US|cards_added|2027-01': ['7', '999'], 'US|cards_added|2027-03': ['5', ''] }), 409, /US cards_added 2027-01 was changed by someone else.*you saw 999, it is now 1000000\.0001/],
      ['unknown region', actors.ANALYST, form({ 'ZZ|cards_added|2027-03': ['5', ''] }), 422, /Unknown region "ZZ"/],
      ['unknown metric', actors.ANALYST, form({ 'US|cards_lost|2027-03': ['5', ''] }), 422, /Unknown metric "cards_lost"/],
      ['region not on the partnership', actors.ANALYST, form({ 'GB|cards_added|2027-03': ['5', ''] }), 422, /Region GB is not part of Apple Pay × Alipay/],
      ['unknown partnership', actors.ANALYST, { ...form({ 'US|cards_added|2027-03': ['5', ''] }), partnershipSlug: 'nope' }, 404, /No partnership/],
    ];
    for (const [name, who, raw, code, message] of cases) {
      const before = await fingerprint();
      const result = await saveTargetsCommand(who, raw);
      expect(result, name).toMatchObject({ status: 'error', code });
      expect((result as { message: string }).message, name).toMatch(message);
      expect(await fingerprint(), name).toEqual(before);
    }
    const negative = await saveTargetsCommand(actors.ANALYST, form({ 'US|cards_added|2027-03': ['-5', ''] }));
    expect(negative).toMatchObject({ fieldErrors: { 'targets.0.value': [expect.stringMatching(/Negative target -5/)] } });
  });
});

describe('GET/PUT /api/v1/partnerships/{slug}/targets', () => {
  it('reads monthly figures of a year as numbers, optionally one metric', async () => {
    const all = await api('GET', '?year=2027');
    expect(all.status).toBe(200);
    expect(all.body.targets).toEqual([{ region: 'US', metric: 'cards_added', month: '2027-01', value: 1000000.0001 }]);
    const seeded = await api('GET', '?year=2015&metric=transactions');
    expect((seeded.body.targets as { month: string }[]).length).toBeGreaterThanOrEqual(12);
    expect(new Set((seeded.body.targets as { metric: string }[]).map((r) => r.metric))).toEqual(new Set(['transactions']));
  });

  it('writes with PUT (expected checked), and answers 400/401/403/404/409/422 like the rest of the API', async () => {
    const put = await api('PUT', '', { targets: [{ region: 'us', metric: 'transactions', month: '2027-06', value: 3000, expected: null }] });
    expect(put).toMatchObject({ status: 200, body: { changed: 1, targets: [{ region: 'US', metric: 'transactions', month: '2027-06', value: 3000 }] } });
    expect(await sumText('US', 'transactions', '2027-06')).toBe('3000');

    const before = await fingerprint();
    expect((await api('GET', '?year=20x7')).status).toBe(400);
    expect((await api('GET', '?metric=cards_added&colour=red')).status).toBe(400);
    expect((await api('GET', '?metric=nope')).status).toBe(400);
    expect((await api('PUT', '', { targets: [] }, null)).status).toBe(401);
    expect((await api('PUT', '', { targets: [{ region: 'US', metric: 'transactions', month: '2027-06', value: 1 }] }, readOnlyToken)).status).toBe(403);
    expect((await api('GET', '?year=2027', undefined, token, 'no-such-deal')).status).toBe(404);
    const stale = await api('PUT', '', { targets: [{ region: 'US', metric: 'transactions', month: '2027-06', value: 1, expected: 2999 }] });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toMatch(/US transactions 2027-06/);
    for (const body of ['{', '[]', { targets: 'x' }, { targets: [{ region: 'US', metric: 'transactions', month: '2027-6', value: 1 }] }, { targets: [{ region: 'US', metric: 'transactions', month: '2027-06', value: -1 }] }, { targets: [{ region: 'US', metric: 'transactions', month: '2027-06', value: 1, extra: 1 }] }, { targets: [{ region: 'US', metric: 'transactions', month: '2027-06', value: 1 }, { region: 'US', metric: 'transactions', month: '2027-06', value: 2 }] }]) {
      const r = await api('PUT', '', body);
      expect(r.status, JSON.stringify(body)).toBe(422);
    }
    expect(await fingerprint()).toEqual(before);
  });
});

describe('targets CSV import (the metrics import pipeline)', () => {
  const HEADER = 'partnership,region,metric,month,value';
  const csv = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';
  const run = (text: string, dryRun = false, who: Actor = actors.ANALYST) => importTargets(who, APPLE_PAY_ALIPAY, { text, fileName: 't.csv', dryRun });

  it('lists every problem by line and column, and writes nothing', async () => {
    const before = await fingerprint();
    const report = await run(csv(
      `${APPLE_PAY_ALIPAY},US,cards_added,2027-04,100`,
      `${APPLE_PAY_ALIPAY},GB,cards_added,2027-04,100`,
      `${APPLE_PAY_ALIPAY},US,cards_added,2027-4,100`,
      `${APPLE_PAY_ALIPAY},US,cards_added,2027-05,-1`,
      `${APPLE_PAY_ALIPAY},US,cards_added,2027-06,1.123456`,
      `${APPLE_PAY_ALIPAY},US,cards_lost,2027-06,1`,
      `${APPLE_PAY_ALIPAY},US,cards_added,2027-04,200`,
    ));
    expect(report.committed).toBe(false);
    expect(report.problems).toEqual([
      { line: 3, column: 'region', reason: expect.stringMatching(/Region GB is not part of this partnership/) },
      { line: 4, column: 'month', reason: expect.stringMatching(/Bad month "2027-4"/) },
      { line: 5, column: 'value', reason: expect.stringMatching(/Negative target/) },
      { line: 6, column: 'value', reason: expect.stringMatching(/more than 4 decimal places/) },
      { line: 7, column: 'metric', reason: expect.stringMatching(/Unknown metric "cards_lost"/) },
      { line: 8, column: '', reason: expect.stringMatching(/Duplicate row: line 2/) },
    ]);
    expect(await fingerprint()).toEqual(before);
    expect((await run('partnership,region,metric,date,value\n')).problems[0]).toMatchObject({ column: 'month', reason: expect.stringMatching(/no "month" column/) });
  });

  it('previews, commits all-or-nothing with one audit row, and the same file twice changes nothing', async () => {
    const file = csv(`${APPLE_PAY_ALIPAY},US,cards_added,2027-04,300`, `${APPLE_PAY_ALIPAY},CN,cards_added,2027-04,31`, `${APPLE_PAY_ALIPAY},US,transactions,2027-06,3000`);
    const before = await fingerprint();
    const preview = await run(file, true);
    expect(preview).toMatchObject({ committed: false, rows: 3, inserted: 2, updated: 0, unchanged: 1, problemCount: 0 });
    expect(await fingerprint()).toEqual(before);
    expect(await run(file, false, actors.EXECUTIVE).catch((e: Error) => e.message)).toMatch(/targets\.update/);
    const done = await run(file);
    expect(done).toMatchObject({ committed: true, inserted: 2, updated: 0, unchanged: 1 });
    expect((await days('US', 'cards_added', '2027-04')).map((d) => d.value)).toEqual(Array(30).fill('10.0000'));
    expect(await sumText('CN', 'cards_added', '2027-04')).toBe('31');
    const once = await fingerprint();
    expect(once.audit - before.audit).toBe(1);
    const again = await run(file);
    expect(again).toMatchObject({ committed: true, inserted: 0, updated: 0, unchanged: 3 });
    expect((await fingerprint()).targets).toBe(once.targets);
  });

  it('through the API: ?dry_run=1 previews, a bad file is 422 with its problems', async () => {
    const post = (body: string, query = '') => targetsImportRoute.POST(
      new Request(`http://accord.test/api/v1/partnerships/${APPLE_PAY_ALIPAY}/targets/import${query}`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' }, body }),
      { params: Promise.resolve({ slug: APPLE_PAY_ALIPAY }) },
    );
    const preview = await post(csv(`${APPLE_PAY_ALIPAY},HK,cards_added,2027-09,90`), '?dry_run=1');
    expect(preview.status).toBe(200);
    expect(await preview.json()).toMatchObject({ dryRun: true, inserted: 1, committed: false });
    const bad = await post(csv(`${APPLE_PAY_ALIPAY},HK,cards_added,2027-09,abc`));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ problems: [{ line: 2, column: 'value' }] });
  });
});
