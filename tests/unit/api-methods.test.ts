import { describe, expect, it } from 'vitest';
import { allowedMethods, isNoOperation, ROUTE_METHODS, type RouteMethod } from '@/server/api/not-allowed';

/**
 * Every route.ts on disk answers every method: its own, and for the others a JSON 405 whose Allow
 * field names exactly the methods the file handles (server/api/not-allowed.ts). Generated from the
 * files, so a route added tomorrow without its `otherMethods([...])` line, or with a list that no
 * longer matches its handlers, fails here. The same answers over HTTP, through proxy.ts and Next.js:
 * tests/db/openapi-contract-http.test.ts.
 */
const ROUTE_MODULES = import.meta.glob<Record<string, unknown>>('../../app/**/route.ts', { eager: true });
const CATCH_ALL = '../../app/api/[...address]/route.ts';

function ownMethods(mod: Record<string, unknown>): RouteMethod[] {
  return ROUTE_METHODS.filter((m) => typeof mod[m] === 'function' && !isNoOperation(mod[m]));
}

type Answer = (request: Request, segment: { params: Promise<Record<string, string>> }) => Response | Promise<Response>;
const call = (handler: unknown, method: string, path = '/api/v1/somewhere') =>
  (handler as Answer)(new Request(`http://accord.test${path}`, { method }), { params: Promise.resolve({}) });

describe('the methods of every route on disk', () => {
  it('finds the routes', () => {
    expect(Object.keys(ROUTE_MODULES).length).toBeGreaterThan(50);
    expect(Object.keys(ROUTE_MODULES)).toContain(CATCH_ALL);
  });

  for (const [file, mod] of Object.entries(ROUTE_MODULES)) {
    if (file === CATCH_ALL) continue;
    const own = ownMethods(mod);
    it(`${file.slice(6)} (${own.join(', ')}): a JSON 405 naming ${allowedMethods(own).join(', ')} for every other method`, async () => {
      expect(own.length, 'a route with no handler of its own').toBeGreaterThan(0);
      const allow = allowedMethods(own).join(', ');
      for (const method of ROUTE_METHODS.filter((m) => !own.includes(m))) {
        expect(typeof mod[method], `${method} is not exported: add it to the file's otherMethods([...]) line`).toBe('function');
        const answer = await call(mod[method], method);
        expect(answer.status, method).toBe(405);
        expect(answer.headers.get('allow'), `${method}: the Allow field`).toBe(allow);
        expect(answer.headers.get('content-type')).toBe('application/json');
        expect(answer.headers.get('x-content-type-options')).toBe('nosniff');
        const body = (await answer.json()) as { error: string; allowed: string[] };
        expect(body.error).toContain(`${method} is not a method of /api/v1/somewhere`);
        expect(body.allowed.join(', ')).toBe(allow);
      }
      expect(typeof mod.OPTIONS, 'OPTIONS is not exported: add it to the otherMethods([...]) line').toBe('function');
      const options = await call(mod.OPTIONS, 'OPTIONS');
      expect(options.status).toBe(204);
      expect(options.headers.get('allow')).toBe(allow);
      expect(await options.text()).toBe('');
    });
  }

  it('an address no route answers: a JSON 404 for every method, none of it an operation', async () => {
    const mod = ROUTE_MODULES[CATCH_ALL]!;
    expect(ownMethods(mod)).toEqual([]);
    for (const method of [...ROUTE_METHODS, 'OPTIONS']) {
      const answer = await call(mod[method], method, '/api/v1/no/such/thing');
      expect(answer.status, method).toBe(404);
      expect(((await answer.json()) as { error: string }).error).toBe("There is nothing at /api/v1/no/such/thing. The API's addresses are in /api/v1/openapi.json and on /docs/api.");
    }
    const head = await call(mod.GET, 'HEAD', '/api/v1/nothing');
    expect(head.status).toBe(404);
    expect(await head.text()).toBe('');
  });

  it('Allow: HEAD goes with GET, OPTIONS always, in a fixed order', () => {
    expect(allowedMethods(['GET'])).toEqual(['GET', 'HEAD', 'OPTIONS']);
    expect(allowedMethods(['DELETE', 'POST'])).toEqual(['POST', 'DELETE', 'OPTIONS']);
    expect(allowedMethods(['PATCH', 'GET', 'DELETE'])).toEqual(['GET', 'HEAD', 'PATCH', 'DELETE', 'OPTIONS']);
  });
});
