import { expect, test } from '@playwright/test';
import { DEMO, signIn } from './support/auth';

const BASE = '/api/v1/partnerships/apple-pay-alipay/metrics';

test('the metrics API: JSON and CSV carry the same rows; errors name the parameter; CSV needs export rights', async ({ page, request }) => {
  expect((await request.get(BASE)).status()).toBe(401);

  await signIn(page, DEMO.ANALYST);
  const list = await page.request.get('/api/v1/partnerships');
  expect((await list.json()).partnerships.map((p: { slug: string }) => p.slug)).toContain('apple-pay-alipay');

  const qs = '?metric=cards_added&region=US&from=2014-10-20&to=2014-12-31&granularity=week';
  const json = await page.request.get(BASE + qs);
  expect(json.status()).toBe(200);
  const body = await json.json();
  expect(body.meta).toMatchObject({ partnership: 'apple-pay-alipay', granularity: 'week', from: '2014-10-20', to: '2014-12-31' });
  expect(body.count).toBe(body.rows.length);
  expect(body.rows[0]).toEqual({ region: 'US', metric: 'cards_added', period_start: '2014-10-20', value: expect.any(Number) });

  const csv = await page.request.get(BASE + qs + '&format=csv');
  expect(csv.status()).toBe(200);
  expect(csv.headers()['content-type']).toContain('text/csv');
  expect(csv.headers()['content-disposition']).toContain('apple-pay-alipay_cards_added_2014-10-20_2014-12-31_week.csv');
  const lines = (await csv.text()).trim().split('\n');
  expect(lines[0]).toBe('region,metric,period_start,value');
  expect(lines.slice(1).map((l) => { const [region, metric, period_start, value] = l.split(','); return { region, metric, period_start, value: Number(value) }; }))
    .toEqual(body.rows);

  const bad = await page.request.get(BASE + '?granularity=hourly');
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toMatchObject({ parameter: 'granularity', error: 'Granularity must be day, week, month or quarter.' });
  expect((await page.request.get(BASE + '?region=ZZ')).status()).toBe(400);
  expect((await page.request.get('/api/v1/partnerships/no-such-deal/metrics')).status()).toBe(404);

  const exec = await (await page.context().browser()!.newContext()).newPage();
  await signIn(exec, DEMO.EXECUTIVE);
  expect((await exec.request.get(BASE + qs)).status()).toBe(200);
  expect((await exec.request.get(BASE + qs + '&format=csv')).status()).toBe(403);
});

test('the import API over HTTP: auth, parameter and body errors are clear 4xx; progress streams as NDJSON', async ({ page, request }) => {
  const slug = 'atlas-card-kestrel-wallet';
  const url = `/api/v1/partnerships/${slug}/metrics/import`;
  const csv = ['partnership,region,metric,date,value', ...Array.from({ length: 25_000 }, (_, i) =>
    `${slug},GB,payment_volume,${new Date(Date.UTC(2002, 0, 1) + (i % 5000) * 86_400_000).toISOString().slice(0, 10)},${i}`)];
  // 5 regions × 5000 days keeps every row distinct.
  const body = csv.map((line, i) => (i === 0 ? line : line.replace(',GB,', `,${['GB', 'SG', 'AU', 'US', 'DE'][Math.floor((i - 1) / 5000)]},`))).join('\n');

  expect((await request.post(`${url}?dry_run=1`, { data: body, headers: { 'content-type': 'text/csv', authorization: 'Bearer acc_unknown' } })).status()).toBe(401);
  // Without a token or a same-origin Origin header, a POST is refused before anything else (CSRF).
  expect((await request.post(`${url}?dry_run=1`, { data: body, headers: { 'content-type': 'text/csv' } })).status()).toBe(403);
  await signIn(page, DEMO.ANALYST);
  const origin = new URL(page.url()).origin;
  const post = (path: string, data: string | Buffer, headers: Record<string, string> = {}) =>
    page.request.post(path, { data, headers: { 'content-type': 'text/csv', origin, ...headers } });

  const unknownParameter = await post(`${url}?dry=1`, body);
  expect(unknownParameter.status()).toBe(400);
  expect(await unknownParameter.json()).toMatchObject({ parameter: 'dry', error: expect.stringContaining('Unknown parameter "dry"') });
  const badDryRun = await post(`${url}?dry_run=maybe`, body);
  expect(await badDryRun.json()).toMatchObject({ parameter: 'dry_run', error: 'dry_run must be 1 or 0.' });
  expect((await post('/api/v1/partnerships/no-such-deal/metrics/import?dry_run=1', body)).status()).toBe(404);
  const latin1 = await post(`${url}?dry_run=1`, Buffer.from([0x70, 0x61, 0xe9, 0x0a]));
  expect(latin1.status()).toBe(422);
  expect((await latin1.json()).error).toContain('not UTF-8');

  const streamed = await post(`${url}?dry_run=1&file_name=big.csv`, body, { accept: 'application/x-ndjson' });
  expect(streamed.headers()['content-type']).toContain('application/x-ndjson');
  const lines = (await streamed.text()).trim().split('\n').map((l) => JSON.parse(l));
  expect(lines.filter((l) => l.type === 'progress').map((l) => l.phase)).toEqual(expect.arrayContaining(['checking', 'comparing']));
  expect(lines.at(-1)).toMatchObject({ type: 'result', status: 200, dryRun: true, rows: 25_000, problemCount: 0, fileName: 'big.csv' });

  const failed = await post(url, body.replace(',SG,payment_volume,2002-01-01,', ',SG,payment_volume,2002-01-32,'));
  expect(failed.status()).toBe(422);
  expect(await failed.json()).toMatchObject({ committed: false, problemCount: 1, problems: [{ line: 5002, column: 'date' }] });
});

