import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CONTENT_SECURITY_POLICY } from '@/lib/security-headers';
import { allowedMethods, isNoOperation, ROUTE_METHODS } from '@/server/api/not-allowed';
import { openApiDocument } from '@/server/openapi/document';
import type { OperationKey } from '@/server/openapi/operation';
import { startAppServer, type AppServer } from '@/tests/support/app-server';
import { CASES, type Call } from '@/tests/support/openapi-cases';
import { addressOf, describeContract, headersOf, readAnswer, type Sent, type Transport } from '@/tests/support/openapi-contract';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { buildContractWorld, type ContractWorld } from '@/tests/support/openapi-world';
import { openDemoDatabase, TEST_POSTGRES_URL, testEngine, type TestDatabase } from '@/tests/support/test-database';

/**
 * Issue 18: "a contract test calls every documented route over HTTP (success and each documented
 * error) and validates each answer against the document". The plan of tests/db/openapi-contract.test.ts
 * (tests/support/openapi-contract.ts), the same cases in the same order, sent over a socket to the
 * production server (`next start`, proxy.ts in front of the routes, Next.js's own request handling)
 * on this file's PostgreSQL schema. The cases read versions and ids through `w.db` in this process:
 * the server and the test share the schema.
 *
 * PostgreSQL only: PGlite is one process by design (the server could not open the test's database).
 * It needs the production build; npm test builds before Vitest. Without one it is skipped with a
 * message, and fails under CI=true.
 */
const BUILT = fs.existsSync('.next/BUILD_ID');
const ON_POSTGRES = testEngine() === 'postgresql';
const NO_BUILD = 'No production build (.next/BUILD_ID): the OpenAPI contract over HTTP did not run. Run `npm run build` first (npm test builds before Vitest).';

describe.runIf(ON_POSTGRES && !BUILT)('the OpenAPI contract over HTTP', () => {
  it('needs a production build', (ctx) => {
    if (process.env.CI === 'true') throw new Error(`${NO_BUILD} CI requires it.`);
    console.warn(`!! ${NO_BUILD}`);
    ctx.skip(NO_BUILD);
  });
});

const ROUTE_MODULES = import.meta.glob<Record<string, unknown>>('../../app/**/route.ts', { eager: true });

let t: TestDatabase;
let w: ContractWorld;
let server: AppServer | undefined;

/**
 * Over the socket: `fetch`, as clients call the API, with the server's own origin (what a browser on
 * the site sends; bearer-token calls are exempt from proxy.ts's origin check anyway, but the 401
 * cases carry no token). A call that declares its own Content-Length (a client announcing a body
 * over the limit, answered 413 before it is read) goes through node:http instead: fetch refuses to
 * send a body of another length than declared.
 */
const overHttp = (base: string): Transport => async (key: OperationKey, call: Call) => {
  const [method] = key.split(' ') as [string, string];
  const url = addressOf(base, key, call);
  const headers = headersOf(call, base);
  const sent = call.headers?.['content-length']
    ? await withDeclaredLength(url, method, headers, call.body)
    : await readAnswer(await fetch(url, { method, headers, body: call.body, redirect: 'manual' }));
  // Every answer of the JSON API carries the security headers, from proxy.ts or, on the routes the
  // proxy does not run on (uploads, imports), from apiRoute itself; none of them may run anything.
  expect(sent.headers.get('content-security-policy'), `${key} ${sent.status}: Content-Security-Policy`).toBe(API_CONTENT_SECURITY_POLICY);
  expect(sent.headers.get('x-content-type-options'), `${key} ${sent.status}: nosniff`).toBe('nosniff');
  expect(sent.headers.get('x-frame-options'), `${key} ${sent.status}: X-Frame-Options`).toBe('DENY');
  return sent;
};

/** Sends the headers and the (shorter) body, reads the answer, and closes the connection the server still expects bytes on. */
async function withDeclaredLength(url: string, method: string, headers: Record<string, string>, body: Call['body']): Promise<Sent> {
  const encoded = new Request(url, { method, body }); // serializes a form with its boundary
  const bytes = Buffer.from(await encoded.arrayBuffer());
  const type = headers['content-type'] ?? encoded.headers.get('content-type');
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method, agent: false, headers: { ...headers, ...(type ? { 'content-type': type } : {}) } }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('error', reject);
      answer.on('end', () => {
        request.destroy();
        const fields = new Headers();
        for (const [name, value] of Object.entries(answer.headers)) for (const v of [value ?? []].flat()) fields.append(name, v);
        const status = answer.statusCode ?? 0;
        resolve(readAnswer(new Response(status === 204 ? null : Buffer.concat(chunks), { status, headers: fields })));
      });
    });
    request.on('error', reject);
    request.write(bytes);
  });
}

describe.skipIf(!ON_POSTGRES || !BUILT)('the OpenAPI contract over HTTP, against `next start`', () => {
  beforeAll(async () => {
    t = await openDemoDatabase('2026-11-23');
    w = await buildContractWorld(t);
    const database = new URL(TEST_POSTGRES_URL);
    database.searchParams.set('schema', t.schema!);
    server = await startAppServer({
      DATABASE_URL: database.toString(),
      NODE_ENV: 'production',
      // As vitest.config.ts sets for the handler path: the same signing secret, and rate limits far
      // above the plan's few hundred requests, so every answer carries its RateLimit-* fields.
      ACCORD_AUTH_SECRET: process.env.ACCORD_AUTH_SECRET!,
      ACCORD_API_RATE_LIMIT_TOKEN: process.env.ACCORD_API_RATE_LIMIT_TOKEN!,
      ACCORD_API_RATE_LIMIT_USER: process.env.ACCORD_API_RATE_LIMIT_USER!,
      // No job runner: it would deliver the world's pending webhook delivery (a case expects it pending).
      ACCORD_JOBS: 'off',
      // A production server, not a test process (server/auth/password.ts reads VITEST).
      VITEST: undefined, VITEST_POOL_ID: undefined, VITEST_WORKER_ID: undefined, ACCORD_TEST_SCRYPT_LOG2N: undefined, ACCORD_TEST_ENGINE: undefined,
    });
    // The server must run the code under test: a build older than the document fails here, not in 300 puzzling cases.
    const served = await (await fetch(`${server.url}/api/v1/openapi.json`)).json() as unknown;
    expect(served, 'the production build serves another OpenAPI document than the code: run `npm run build`').toEqual(JSON.parse(JSON.stringify(openApiDocument())));
  }, 240_000);

  afterAll(async () => {
    const failures = server?.output().split('\n').filter((line) => line.includes('[accord] request failed')) ?? [];
    if (failures.length) console.error(`The server logged ${failures.length} failed request(s):\n${server!.output().slice(-4000)}`);
    await server?.stop();
    await t?.close();
  });

  describeContract({ world: () => w, transport: () => overHttp(server!.url) });

  // Compression is on by default (ACCORD_COMPRESS unset; decision 023, addendum 2026-12-07): a page
  // asked for as a browser asks comes gzipped, and one asked for plainly does not.
  it('compresses a page for a client that asks, and only then', async () => {
    const encodingOf = (acceptEncoding: string) => new Promise<string | undefined>((resolve, reject) => {
      http.get(`${server!.url}/sign-in`, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode === 200 ? res.headers['content-encoding'] : `status ${res.statusCode}`));
      }).on('error', reject);
    });
    expect(await encodingOf('gzip, deflate, br, zstd')).toBe('gzip');
    expect(await encodingOf('identity')).toBeUndefined();
  });

  // HEAD, as link checkers and `curl -I` send it, on every documented GET (the plan's GET cases):
  // Next.js answers a HEAD with the route's GET, and apiRoute cancels that answer's body, which it
  // never reads (decision 007, addendum 2026-12-05). Each HEAD must answer as the GET just before it
  // did, with no body, and hold nothing afterwards: HEADs once kept export connections until every
  // CSV and XLSX export answered 503 on PostgreSQL, and a document's scratch file per request.
  it('HEAD on every documented GET answers as that GET does, with no body, and holds nothing', async () => {
    const base = server!.url;
    const problems: string[] = [];
    const ops = new Set<string>();
    for (const c of CASES.filter((x) => x.op.startsWith('GET '))) {
      const call = await c.call(w);
      const url = addressOf(base, c.op as OperationKey, call);
      const headers = headersOf(call, base);
      const get = await fetch(url, { headers, redirect: 'manual' });
      await get.arrayBuffer();
      // Five: one more than the export pool's connections (ACCORD_EXPORT_POOL_SIZE, 4), so one kept per HEAD would show.
      for (let i = 0; i < 5; i += 1) {
        const head = await fetch(url, { method: 'HEAD', headers, redirect: 'manual' });
        const bytes = (await head.arrayBuffer()).byteLength;
        const what = `${c.op} (${c.status}${c.why ? `, ${c.why}` : ''})`;
        if (head.status !== get.status) problems.push(`${what}: HEAD ${head.status}, GET ${get.status}`);
        for (const field of ['content-type', 'content-disposition', 'x-content-type-options', 'content-security-policy']) {
          if (head.headers.get(field) !== get.headers.get(field)) problems.push(`${what}: ${field} "${head.headers.get(field)}", GET's "${get.headers.get(field)}"`);
        }
        if (bytes) problems.push(`${what}: HEAD answered ${bytes} bytes of body`);
      }
      ops.add(c.op);
    }
    expect(problems).toEqual([]);
    const documented = Object.entries((openApiDocument() as { paths: Record<string, Record<string, unknown>> }).paths).filter(([, item]) => 'get' in item).map(([path]) => `GET ${path}`);
    expect([...ops].sort()).toEqual(documented.sort());
    // Every export format still answers, whole, after the HEADs (five seconds is the export pool's wait).
    for (const format of ['csv', 'xlsx', 'json']) {
      const address = `${base}/api/v1/partnerships/${APPLE_PAY_ALIPAY}/metrics?metric=cards_added&granularity=day&format=${format}`;
      const answer = await fetch(address, { headers: { authorization: `Bearer ${w.tokens.analyst}` }, signal: AbortSignal.timeout(15_000) });
      expect(answer.status, `${format} after the HEADs`).toBe(200);
      expect((await answer.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
  });

  // Every route on disk, every method it does not take, through proxy.ts and Next.js's routing (which
  // answered an empty 405 without Allow, and an HTML page for an unknown /api address): a JSON 405
  // naming the methods it takes, OPTIONS and HEAD too, and a JSON 404 for an address nothing answers.
  it('every route answers the methods it does not take with a JSON 405 and its Allow field, and an unknown address with a JSON 404', async () => {
    const base = server!.url;
    const headers = { authorization: `Bearer ${w.tokens.analyst}` };
    const problems: string[] = [];
    let asked = 0;
    for (const [file, mod] of Object.entries(ROUTE_MODULES)) {
      const own = ROUTE_METHODS.filter((m) => typeof mod[m] === 'function' && !isNoOperation(mod[m]));
      const pattern = file.replace('../../app', '').replace(/\/route\.ts$/, '').replace(/\/\([^)]+\)/g, '');
      const path = pattern.replace(/\[\.\.\.\w+\]/g, 'no/such/address').replace(/\[\w+\]/g, 'x1');
      const catchAll = pattern.includes('[...');
      const allow = allowedMethods(own).join(', ');
      const others = [...ROUTE_METHODS.filter((m) => !own.includes(m)), 'OPTIONS', ...(own.includes('GET') ? [] : ['HEAD'])];
      for (const method of others) {
        const answer = await fetch(`${base}${path}`, { method, headers, redirect: 'manual' });
        const text = await answer.text();
        asked += 1;
        const what = `${method} ${path}: ${answer.status} ${text.slice(0, 120)}`;
        const expected = catchAll ? 404 : method === 'OPTIONS' ? 204 : 405;
        if (answer.status !== expected) { problems.push(`${what} (expected ${expected})`); continue; }
        if (!catchAll && answer.headers.get('allow') !== allow) problems.push(`${what}: Allow "${answer.headers.get('allow')}", expected "${allow}"`);
        if (answer.headers.get('x-content-type-options') !== 'nosniff') problems.push(`${what}: no nosniff`);
        if (path.startsWith('/api/v1/') && answer.headers.get('content-security-policy') !== API_CONTENT_SECURITY_POLICY) problems.push(`${what}: Content-Security-Policy "${answer.headers.get('content-security-policy')}"`);
        const bodyless = method === 'HEAD' || method === 'OPTIONS' && !catchAll;
        if (bodyless ? text !== '' : typeof (JSON.parse(text || 'null') as { error?: unknown } | null)?.error !== 'string') problems.push(`${what}: body`);
      }
    }
    expect(problems).toEqual([]);
    expect(asked).toBeGreaterThan(200);
    // Deeper than any route, and beside one: still JSON, never Next.js's HTML page.
    for (const path of ['/api/v1/nope', '/api/v1/partnerships/apple-pay-alipay/metrics/extra/deep', '/api/nothing']) {
      const answer = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
      expect(answer.status, path).toBe(404);
      expect(answer.headers.get('content-type'), path).toBe('application/json');
    }
  });
});
