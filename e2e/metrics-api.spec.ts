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

  // HEAD, as link checkers and `curl -I` send it: the GET's status and headers, no body, and the
  // export still whole after a dozen of them. On PostgreSQL each HEAD once kept an export's
  // database connection (a few, and every export answered 503); tests/db/head-requests.test.ts
  // shows on both engines that a HEAD's answer lets go of what it held (server/api/handler.ts).
  for (let i = 0; i < 12; i += 1) {
    const head = await page.request.head(BASE + qs + '&format=csv');
    expect(head.status()).toBe(200);
    expect(head.headers()['content-disposition']).toBe(csv.headers()['content-disposition']);
    expect((await head.body()).length).toBe(0);
  }
  const afterHeads = await page.request.get(BASE + qs + '&format=csv', { timeout: 5_000 });
  expect(afterHeads.status()).toBe(200);
  expect((await afterHeads.text()).trim().split('\n')).toEqual(lines);

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


// Next.js copies the body of every request its proxy runs on and cuts it at 10 MB; the imports
// accept 64 MB (IMPORT_LIMITS), so their routes are left out of the proxy (proxy.ts). A 12 MB file,
// sent raw and as a form, arrives whole: every row is counted, the last one included.
test('an import bigger than 10 MB arrives whole over HTTP, raw and as a form; the proxy\'s checks still hold there', async ({ page }) => {
  test.setTimeout(120_000);
  const slug = 'atlas-card-kestrel-wallet';
  await signIn(page, DEMO.ANALYST);
  const origin = new URL(page.url()).origin;
  // 5 regions × 4 metrics × 8,750 days from 2000-01-01: 175,000 distinct rows, ~11 MB.
  const regions = ['GB', 'SG', 'AU', 'US', 'DE'];
  const keys = ['cards_added', 'active_cards', 'transactions', 'payment_volume'];
  const metricRows = Array.from({ length: 175_000 }, (_, i) => {
    const key = keys[i % 4]!;
    const day = new Date(Date.UTC(2000, 0, 1) + Math.floor(i / 20) * 86_400_000).toISOString().slice(0, 10);
    return `${slug},${regions[Math.floor(i / 4) % 5]},${key},${day},${key === 'payment_volume' ? `${1_000_000_000 + i}.1234` : 1_000_000_000 + i}`;
  });
  const metrics = ['partnership,region,metric,date,value', ...metricRows].join('\n');
  expect(Buffer.byteLength(metrics)).toBeGreaterThan(10.5 * 1024 * 1024); // the proxy would cut at 10 MB
  const raw = await page.request.post(`/api/v1/partnerships/${slug}/metrics/import?dry_run=1`, { data: metrics, headers: { 'content-type': 'text/csv', origin }, timeout: 110_000 });
  expect(raw.status(), await raw.text()).toBe(200);
  expect(await raw.json()).toMatchObject({ dryRun: true, rows: 175_000, problemCount: 0 });
  const form = await page.request.post(`/api/v1/partnerships/${slug}/metrics/import?dry_run=1`, {
    multipart: { file: { name: 'big.csv', mimeType: 'text/csv', buffer: Buffer.from(metrics) } }, headers: { origin }, timeout: 110_000 });
  expect(form.status(), await form.text()).toBe(200);
  expect(await form.json()).toMatchObject({ dryRun: true, rows: 175_000, problemCount: 0, fileName: 'big.csv' });
  // Without a token, a POST from another site is refused by the route itself, as the proxy would.
  const foreign = await page.request.post(`/api/v1/partnerships/${slug}/metrics/import?dry_run=1`, { data: 'partnership,region,metric,date,value\n', headers: { 'content-type': 'text/csv', origin: 'https://evil.example' } });
  expect(foreign.status()).toBe(403);
  const foreignTargets = await page.request.post(`/api/v1/partnerships/${slug}/targets/import?dry_run=1`, { data: 'partnership,region,metric,month,value\n', headers: { 'content-type': 'text/csv', origin: 'https://evil.example' } });
  expect(foreignTargets.status()).toBe(403);
  const control = await page.request.post(`/api/v1/partnerships/${slug}/targets/import?dry_run=1&file_name=a%00b`, { data: 'partnership,region,metric,month,value\n', headers: { 'content-type': 'text/csv', origin } });
  expect(control.status()).toBe(400);
  expect((await control.json()).error).toContain('control characters');
});
