import { expect, request as newRequest, test } from '@playwright/test';
import { answerChecker } from '../tests/support/openapi-check';
import { DEMO, signIn } from './support/auth';

/**
 * The OpenAPI document against the running app over real HTTP (issue 18), with a BROWSER SESSION:
 * the contract plan (tests/support/openapi-contract.ts) calls every operation with API tokens,
 * through the handlers and over HTTP against `next start` (tests/db/openapi-contract-http.test.ts);
 * this one asks the production server, through the proxy, with a session cookie, for every
 * documented GET whose path it can fill from the demo data, and checks each answer, its header
 * fields included (and each 401 without a session, and a 404 for an unknown id) with the same
 * checker. Cases come from the document, not from a list.
 */
type Doc = { paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean }[] }>> };

test('every documented GET answers as the document says, signed in and signed out', async ({ page, baseURL }) => {
  test.setTimeout(180_000);
  const docAnswer = await page.request.get('/api/v1/openapi.json');
  expect(docAnswer.status()).toBe(200);
  const doc = (await docAnswer.json()) as Doc;
  const problems = answerChecker(doc);

  await signIn(page, DEMO.BUSINESS_DEVELOPMENT);
  // Ids for the path parameters, from the answers themselves (the demo deal's first of each).
  const get = async (path: string) => (await page.request.get(path)).json();
  const deal = 'apple-pay-alipay';
  const milestones = (await get(`/api/v1/partnerships/${deal}/milestones`)) as { milestones?: { id: string }[] } | { id: string }[];
  const checkpoints = (await get(`/api/v1/partnerships/${deal}/checkpoints`)) as { checkpoints?: { id: string }[] } | { id: string }[];
  const rollouts = (await get(`/api/v1/partnerships/${deal}/rollouts`)) as { rollouts?: { id: string }[] } | { id: string }[];
  const first = (x: { id: string }[] | Record<string, { id: string }[] | undefined>) => (Array.isArray(x) ? x : Object.values(x).find(Array.isArray))?.[0]?.id;
  const known: Record<string, string | undefined> = {
    slug: deal,
    milestoneId: first(milestones), checkpointId: first(checkpoints), rolloutId: first(rollouts),
  };
  const fill = (path: string, param: string, value: string) => path.replace(`{${param}}`, encodeURIComponent(value));

  const anonymous = await newRequest.newContext({ baseURL });
  const found: string[] = [];
  let called = 0;
  for (const [path, operations] of Object.entries(doc.paths)) {
    const get = operations.get;
    if (!get || path === '/api/v1/openapi.json') continue;
    const params = (get.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
    // A path's own id parameter: `{id}` under milestones is a milestone id, and so on.
    const valueOf = (name: string) => known[name] ?? (name === 'id' ? known[`${/\/api\/v1\/(\w+?)s\/\{id\}/.exec(path)?.[1] ?? ''}Id`] : undefined);
    const values = params.map(valueOf);
    if (values.every((v) => v !== undefined)) {
      const url = params.reduce((p, name, i) => fill(p, name, values[i]!), path);
      const answer = await page.request.get(url);
      called += 1;
      const type = answer.headers()['content-type'] ?? null;
      const body = type?.includes('json') ? await answer.json() : await answer.text();
      found.push(...problems({ method: 'GET', path, status: answer.status(), contentType: type, body, headers: answer.headers() }));
      expect(answer.status(), url).toBeLessThan(500);
    }
    // Without a session: 401, as documented, whatever the parameters.
    const url = params.reduce((p, name) => fill(p, name, 'no-such-id'), path);
    const refused = await anonymous.get(url);
    found.push(...problems({ method: 'GET', path, status: refused.status(), contentType: refused.headers()['content-type'] ?? null, body: await refused.json(), headers: refused.headers() }));
    expect(refused.status(), url).toBe(401);
    // An id that does not exist: 404 with the documented error.
    if (params.length && params.every((name) => name !== 'slug')) {
      const missing = await page.request.get(url);
      found.push(...problems({ method: 'GET', path, status: missing.status(), contentType: missing.headers()['content-type'] ?? null, body: await missing.json(), headers: missing.headers() }));
    }
  }
  await anonymous.dispose();
  expect(found).toEqual([]);
  expect(called, 'documented GETs called with a session').toBeGreaterThan(20);
});

// Over the rate limit (429), as the document describes it, over HTTP: the production default for a
// token, 600 requests a minute (a person's own limit, 1,200, is the same statement with another key:
// tests/db/api-rate-limits.test.ts), on the server holding only the demo people (E2E_PORT+1), with a
// token made on its tokens page, so nobody else's minute is used up. Half the requests the
// person's limit took (25 s of a busy 2-core machine, 2026-12-05). Fixed one-minute windows: if a
// minute turns during the run the count starts again, so it asks until refused, at most two
// windows' worth.
test('over the rate limit: 429 with Retry-After and the RateLimit fields, as documented', async ({ page }) => {
  test.setTimeout(180_000);
  const base = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3210) + 1}`;
  const problems = answerChecker((await (await page.request.get('/api/v1/openapi.json')).json()) as object);
  await signIn(page, DEMO.ANALYST, undefined, '/settings/tokens', base);
  await page.getByLabel('Name').fill(`e2e rate limit ${Date.now()}`);
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = await page.getByLabel('Your new token (shown once)').inputValue();
  expect(token).toMatch(/^acc_/);
  const api = await newRequest.newContext({ baseURL: base, extraHTTPHeaders: { Authorization: `Bearer ${token}` } });
  try {
    let refused: Awaited<ReturnType<typeof api.get>> | undefined;
    for (let sent = 0; !refused && sent < 2 * 600 + 50; sent += 25) {
      const answers = await Promise.all(Array.from({ length: 25 }, () => api.get('/api/v1/me')));
      expect(answers.every((a) => a.status() === 200 || a.status() === 429), 'only 200 or 429').toBe(true);
      refused = answers.find((a) => a.status() === 429);
    }
    expect(refused, 'refused within two windows').toBeDefined();
    const headers = refused!.headers();
    expect(Number(headers['retry-after'])).toBeGreaterThan(0);
    expect(headers['ratelimit-remaining']).toBe('0');
    expect(headers['ratelimit-policy']).toBe('600;w=60');
    const body = (await refused!.json()) as { scope?: string };
    expect(body.scope, 'the token\'s limit, not its owner\'s').toBe('token');
    expect(problems({ method: 'GET', path: '/api/v1/me', status: 429, contentType: headers['content-type'] ?? null, body, headers })).toEqual([]);
  } finally {
    await api.dispose();
  }
});
