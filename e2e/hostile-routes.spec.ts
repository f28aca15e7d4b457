import { expect, test, type APIRequestContext } from '@playwright/test';
import { DEMO, signIn } from './support/auth';
import { discoverApiRoutes, discoverPages, fillPattern, type DiscoveredRoute } from './support/routes';

/**
 * Issue 13, finding 8: "any route, query, form or body with control characters must get a 4xx with
 * a message". Every page and API route found on disk is asked, over real HTTP and signed in as an
 * administrator, with hostile values in each dynamic path segment, in the query string and (for
 * the API's writes) in the body. Nothing may answer 5xx or show a stack trace. A route added
 * tomorrow is covered without anyone listing it.
 */
const HOSTILE = [
  '\u0000', 'a\u0000b', '\u202eevil', '\u0007\u001b[31m', '\u0085', 'x'.repeat(2000), '../../etc/passwd', '..', '%', '%00', '😀é\u0301', "' OR '1'='1", '<script>alert(1)</script>', ' ',
];
const VALID: Record<string, string> = { slug: 'apple-pay-alipay', code: 'HK', id: 'no-such-id' };
const QUERY_KEYS = ['from', 'to', 'range', 'granularity', 'since', 'stage', 'health', 'sort', 'view', 'show', 'metric', 'region', 'year', 'entityType', 'entityId', 'actor', 'before', 'next', 'deleted', 'format', 'mode', 'error'];
const STACK = /at [\w$.<>]+ \(.*:\d+:\d+\)|node_modules\/|\bTypeError\b|\bPrismaClient|Internal Server Error/;

/** Every URL for a route: each dynamic segment made hostile in turn, then each query key. */
function urlsFor(route: DiscoveredRoute): string[] {
  const valid = (segment: string) => VALID[segment] ?? 'x';
  const urls: string[] = [];
  for (const target of route.segments) {
    for (const value of HOSTILE) urls.push(fillPattern(route.pattern, (s) => (s === target ? value : valid(s))));
    // Raw, not encoded: a path segment that is literally "%" or "%00", or dot-segments.
    urls.push(fillPattern(route.pattern, (s) => (s === target ? '%00' : valid(s)), true));
    urls.push(fillPattern(route.pattern, (s) => (s === target ? '%E2%80%AE' : valid(s)), true));
  }
  const base = fillPattern(route.pattern, valid);
  for (const key of QUERY_KEYS) urls.push(`${base}?${key}=${encodeURIComponent(HOSTILE[urls.length % HOSTILE.length] ?? '\u0000')}`);
  urls.push(`${base}?${QUERY_KEYS.map((k) => `${k}=%00`).join('&')}`);
  urls.push(`${base}?from=2026-12-31&to=2026-01-01&${'x'.repeat(3000)}=1`);
  return urls;
}

/** Asks once; returns what is wrong (a 5xx or internals in the body), or nothing. */
type Multipart = Record<string, string | { name: string; mimeType: string; buffer: Buffer }>;
async function serverError(request: APIRequestContext, method: string, url: string, origin: string, data?: unknown, multipart?: Multipart): Promise<string[]> {
  const response = await request.fetch(url, { method, data, multipart, headers: { Origin: origin }, maxRedirects: 0, failOnStatusCode: false });
  const body = await response.text();
  const where = `${method} ${url.slice(0, 120)}${url.length > 120 ? '…' : ''}`;
  if (response.status() >= 500) return [`${where} answered ${response.status()}: ${body.slice(0, 160)}`];
  if (STACK.test(body)) return [`${where} shows internals: ${body.match(STACK)?.[0]}`];
  return [];
}

/**
 * Runs the asks four at a time and returns their problems in the order asked. One at a time, the
 * server waited on the test runner between answers (the two tests took 93 s of one worker).
 */
async function askAll(asks: (() => Promise<string[]>)[], concurrency = 4): Promise<string[]> {
  const results: string[][] = new Array(asks.length);
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < asks.length) {
      const i = next++;
      results[i] = await asks[i]!();
    }
  }));
  return results.flat();
}

const PAGES = discoverPages();
const API = discoverApiRoutes();

test('finds the routes on disk', () => {
  expect(PAGES.length).toBeGreaterThan(10);
  expect(API.map((r) => r.pattern)).toContain('/api/v1/partnerships/[slug]/regions/[code]');
  for (const route of API) expect(route.methods.length, route.file).toBeGreaterThan(0);
});

test.describe('hostile paths, queries and bodies never give a 5xx', () => {
  test.describe.configure({ timeout: 240_000 });

  test('every page', async ({ page, baseURL }) => {
    await signIn(page, DEMO.ADMIN);
    const asks = PAGES.flatMap((route) => urlsFor(route).map((url) => () => serverError(page.request, 'GET', url, baseURL!)));
    expect(await askAll(asks)).toEqual([]);
  });

  test('every API route and method', async ({ page, baseURL }) => {
    await signIn(page, DEMO.ADMIN);
    const asks: (() => Promise<string[]>)[] = [];
    const bodies = [{ name: '\u0000', title: 'a\u0000b', conditions: '\u0000', version: 1 }, { title: '\u202e'.repeat(3), notes: 'x'.repeat(6000), version: 'x' }, '\u0000', [null]];
    for (const route of API) {
      for (const method of route.methods) {
        // Signing out ends the session this test runs in; it takes no input anyway.
        if (route.pattern === '/api/auth/sign-out') continue;
        const urls = urlsFor(route);
        if (method === 'GET') {
          for (const url of urls) asks.push(() => serverError(page.request, method, url, baseURL!));
          continue;
        }
        // Writes: hostile path segments (nothing exists there), and hostile bodies at the real path.
        const hostilePaths = route.segments.length ? urls.slice(0, route.segments.length * HOSTILE.length) : [];
        for (const url of hostilePaths) asks.push(() => serverError(page.request, method, url, baseURL!, bodies[0]));
        // Not DELETE at a real path: it takes no body and would delete demo data other specs use.
        if (method === 'DELETE') continue;
        const real = fillPattern(route.pattern, (s) => VALID[s] ?? 'x');
        for (const body of bodies) asks.push(() => serverError(page.request, method, real, baseURL!, body));
        // Uploads (issue 15): hostile multipart files and fields at the real path, all refused (415/422).
        if (method === 'POST' && route.pattern.endsWith('/documents')) {
          const files = [{ name: '\u0000<script>.pdf', mimeType: 'application/pdf', buffer: Buffer.from('MZ\u0090\u0000\u0003') }, { name: 'x'.repeat(2000), mimeType: 'text/plain', buffer: Buffer.from('<svg onload="alert(1)">') }];
          for (const file of files) asks.push(() => serverError(page.request, method, real, baseURL!, undefined, { file, expiresOn: '\u0000', supersedes: '../../etc/passwd' }));
        }
      }
    }
    expect(await askAll(asks)).toEqual([]);
  });
});
