import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_CONTENT_SECURITY_POLICY } from '@/lib/security-headers';
import { isNoOperation, ROUTE_METHODS } from '@/server/api/not-allowed';
import { PLAIN_API_ADDRESS, routesOnDisk } from '@/tests/support/routes-on-disk';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

/**
 * proxy.ts does not run on the JSON API's plain addresses (its matcher; decision 012, "Overhead",
 * addendum 2026-12-05): every handler there must make the proxy's checks itself, first, as apiRoute
 * does. Generated from the routes on disk and the addresses the matcher skips, so a route added
 * tomorrow that answers without them fails here. Each handler, called as Next.js calls it:
 * - a query with a control character: 400 with the proxy's message, before anything is read;
 * - a write from another site carrying a session cookie (CSRF): 403;
 * - no credentials (a write from this very site): 401 with WWW-Authenticate;
 * every answer with the API's security headers (the proxy set them before).
 */
const ROUTE_MODULES = import.meta.glob<Record<string, unknown>>('../../app/**/route.ts', { eager: true });
type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

// The addresses proxy.ts skips (tests/unit/proxy-matcher.test.ts: exactly these, by its compiled matcher).
const skipped = routesOnDisk().filter((r) => PLAIN_API_ADDRESS.test(r.address)).map((r) => {
  const mod = ROUTE_MODULES[`../../${r.file}`]!;
  const handlers = ROUTE_METHODS.filter((m) => typeof mod[m] === 'function' && !isNoOperation(mod[m])).map((m) => [m, mod[m] as Handler] as const);
  return { ...r, handlers };
});

let t: TestDatabase;
beforeAll(async () => { t = await openTestDatabase(); });
afterAll(() => t?.close());

async function ask(handler: Handler, method: string, url: string, headers: Record<string, string>) {
  const body = method === 'GET' || method === 'DELETE' ? undefined : '{}';
  const answer = await handler(new Request(url, { method, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...headers }, body }), { params: Promise.resolve({}) });
  const text = await answer.text();
  const problems: string[] = [];
  if (answer.headers.get('content-security-policy') !== API_CONTENT_SECURITY_POLICY) problems.push('no API Content-Security-Policy');
  if (answer.headers.get('x-content-type-options') !== 'nosniff') problems.push('no nosniff');
  if (answer.headers.get('x-frame-options') !== 'DENY') problems.push('no X-Frame-Options');
  return { status: answer.status, error: (JSON.parse(text || '{}') as { error?: string }).error, headers: answer.headers, problems };
}

describe('the routes proxy.ts does not run on make its checks themselves', () => {
  it('finds them: every /api/v1 route at a plain address', () => {
    expect(skipped.length).toBeGreaterThan(45);
    expect(skipped.every((r) => r.address.startsWith('/api/v1/'))).toBe(true);
    expect(skipped.flatMap((r) => r.handlers).length).toBeGreaterThan(70);
  });

  for (const route of skipped) {
    for (const [method, handler] of route.handlers) {
      it(`${method} ${route.address}`, async () => {
        const base = `http://accord.test${route.address}`;
        const hostile = await ask(handler, method, `${base}?q=%00`, { authorization: 'Bearer acc_unknown' });
        expect(hostile.status, hostile.error).toBe(400);
        expect(hostile.error).toMatch(/control character/i);
        expect(hostile.problems).toEqual([]);

        // No credentials (a write from this site, as a browser sends it, so the origin check passes).
        const anonymous = await ask(handler, method, base, method === 'GET' ? {} : { origin: 'http://accord.test', 'x-forwarded-host': 'accord.test' });
        expect(anonymous.status, anonymous.error).toBe(401);
        expect(anonymous.headers.get('www-authenticate')).toBe('Bearer realm="accord"');
        expect(anonymous.problems).toEqual([]);

        if (method !== 'GET') {
          const forged = await ask(handler, method, base, { cookie: 'better-auth.session_token=forged', origin: 'https://elsewhere.example' });
          expect(forged.status, forged.error).toBe(403);
          expect(forged.error).toBe('Cross-origin request refused.');
          expect(forged.problems).toEqual([]);
        }
      });
    }
  }
});
