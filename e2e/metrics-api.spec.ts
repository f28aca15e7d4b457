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
  expect(await bad.json()).toMatchObject({ parameter: 'granularity', error: expect.stringContaining('granularity must be one of') });
  expect((await page.request.get(BASE + '?region=ZZ')).status()).toBe(400);
  expect((await page.request.get('/api/v1/partnerships/no-such-deal/metrics')).status()).toBe(404);

  const exec = await (await page.context().browser()!.newContext()).newPage();
  await signIn(exec, DEMO.EXECUTIVE);
  expect((await exec.request.get(BASE + qs)).status()).toBe(200);
  expect((await exec.request.get(BASE + qs + '&format=csv')).status()).toBe(403);
});
