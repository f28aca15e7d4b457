import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiDocument } from '@/server/openapi/document';
import type { OperationKey } from '@/server/openapi/operation';
import type { Call } from '@/tests/support/openapi-cases';
import { addressOf, describeContract, headersOf, readAnswer, type Transport } from '@/tests/support/openapi-contract';
import { buildContractWorld, type ContractWorld } from '@/tests/support/openapi-world';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';
import { isNoOperation } from '@/server/api/not-allowed';

/**
 * Issue 18: the OpenAPI document against real answers, on PGlite (on PostgreSQL the same plan runs
 * over HTTP, tests/db/openapi-contract-http.test.ts; vitest.config.ts). The contract plan
 * (tests/support/openapi-contract.ts: every operation's success cases and each documented error)
 * runs here through the route handlers, with a real Request, as tests/db/fuzz-api.test.ts does.
 * tests/db/openapi-contract-http.test.ts runs the same plan over a socket against `next start`,
 * through proxy.ts. A route.ts on disk without an entry in the document fails here.
 */
const ROUTE_MODULES = import.meta.glob<Record<string, unknown>>('../../app/api/v1/**/route.ts', { eager: true });
type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
// What a browser on this site sends; the handler path has no proxy in front to set the host.
const ORIGIN = 'http://accord.test';

let t: TestDatabase;
let w: ContractWorld;

beforeAll(async () => {
  t = await openDemoDatabase('2026-11-23');
  w = await buildContractWorld(t);
}, 120_000);
afterAll(() => t?.close());

function handlerOf(key: string): Handler {
  const [method, path] = key.split(' ') as [string, string];
  const handler = ROUTE_MODULES[`../../app${path.replace(/\{(\w+)\}/g, '[$1]')}/route.ts`]?.[method];
  if (typeof handler !== 'function') throw new Error(`${key}: no handler on disk`);
  return handler as Handler;
}

/** The handler transport: the route's exported function called with a Request, as Next.js would. */
const throughHandlers: Transport = async (key: OperationKey, call: Call) => {
  const [method] = key.split(' ') as [string, string];
  const headers = { ...headersOf(call, ORIGIN), 'x-forwarded-host': new URL(ORIGIN).host };
  const request = new Request(addressOf(ORIGIN, key, call), { method, headers, body: call.body });
  return readAnswer(await handlerOf(key)(request, { params: Promise.resolve(call.params ?? {}) }));
};

describe('every route on disk is documented', () => {
  it('has an entry in the document for each handler a route.ts under app/api/v1 exports', () => {
    const paths = (openApiDocument() as { paths: Record<string, Record<string, unknown>> }).paths;
    const missing = Object.entries(ROUTE_MODULES).flatMap(([file, mod]) => {
      const path = file.replace('../../app', '').replace(/\/route\.ts$/, '').replace(/\[(\w+)\]/g, '{$1}');
      return METHODS.filter((m) => typeof mod[m] === 'function' && !isNoOperation(mod[m]) && !paths[path]?.[m.toLowerCase()]).map((m) => `${m} ${path} (${file.slice(6)})`);
    });
    expect(Object.keys(ROUTE_MODULES).length).toBeGreaterThan(50);
    expect(missing).toEqual([]);
  });
});

describeContract({ world: () => w, transport: () => throughHandlers });
