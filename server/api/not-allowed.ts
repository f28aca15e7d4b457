import 'server-only';
import { API_CONTENT_SECURITY_POLICY, setSecurityHeaders } from '@/lib/security-headers';

/**
 * What an API address answers to a method it does not take, and what an address that does not
 * exist answers: JSON a script can read, never Next.js's empty 405 (no Allow field) or its HTML
 * 404 page. Nothing runs, so nothing needs a permission; a 405 names only the methods, which the
 * OpenAPI document publishes anyway. docs/decisions/019-openapi.md (addendum 2026-12-05).
 *
 * Every route.ts under app/api ends with
 *   export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST']);
 * naming the methods it does answer; tests/db/api-methods.test.ts checks each file on disk (every
 * method answered, the Allow field equal to the file's own handlers) and the answers over HTTP.
 */

export const ROUTE_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];
type Answer = (request: Request) => Response;

/** Marks the answers below, so the tests that call every handler on disk can tell them apart. */
export const NO_OPERATION = Symbol.for('accord.api.noOperation');

/** Handlers for every method a route does not take (405, with Allow), and OPTIONS (204, with Allow). */
export function otherMethods<const A extends readonly RouteMethod[]>(allowed: A): Record<Exclude<RouteMethod, A[number]> | 'OPTIONS', Answer> {
  const allow = allowedMethods(allowed);
  const handlers: Record<string, Answer> = {};
  for (const method of ROUTE_METHODS) {
    if (allowed.includes(method)) continue;
    handlers[method] = mark((request) => {
      const path = addressOf(request);
      return answer(request, 405, {
        error: `${request.method} is not a method of ${path}: it answers ${list(allow.filter((m) => m !== 'OPTIONS'))}. See /api/v1/openapi.json.`,
        allowed: allow,
      }, { Allow: allow.join(', ') });
    });
  }
  handlers.OPTIONS = mark((request) => answer(request, 204, null, { Allow: allow.join(', ') }));
  return handlers as Record<Exclude<RouteMethod, A[number]> | 'OPTIONS', Answer>;
}

/** Every method of an address that does not exist (app/api/[...address]/route.ts). */
export function noSuchAddress(): Record<RouteMethod | 'OPTIONS', Answer> {
  const notFound = mark((request) => answer(request, 404, {
    error: `There is nothing at ${addressOf(request)}. The API's addresses are in /api/v1/openapi.json and on /docs/api.`,
  }));
  return { GET: notFound, POST: notFound, PUT: notFound, PATCH: notFound, DELETE: notFound, OPTIONS: notFound };
}

/** The Allow field of a route answering `methods`: HEAD with GET, and always OPTIONS. */
export function allowedMethods(methods: readonly RouteMethod[]): string[] {
  const allow = ROUTE_METHODS.filter((m) => methods.includes(m)).flatMap((m): string[] => (m === 'GET' ? ['GET', 'HEAD'] : [m]));
  return [...allow, 'OPTIONS'];
}

export function isNoOperation(handler: unknown): boolean {
  return typeof handler === 'function' && (handler as unknown as Record<symbol, unknown>)[NO_OPERATION] === true;
}

function mark(handler: Answer): Answer {
  return Object.assign(handler, { [NO_OPERATION]: true });
}

function answer(request: Request, status: number, body: unknown, fields: Record<string, string> = {}): Response {
  const headers = new Headers({ ...fields, 'Cache-Control': 'no-store' });
  // The API routes proxy.ts does not run on (uploads, imports, the metrics read) get them nowhere else.
  setSecurityHeaders(headers, API_CONTENT_SECURITY_POLICY);
  if (body === null || request.method === 'HEAD') return new Response(null, { status, headers });
  headers.set('Content-Type', 'application/json');
  return new Response(JSON.stringify(body), { status, headers });
}

/** The address asked for, short enough to quote (proxy.ts has refused control characters already). */
function addressOf(request: Request): string {
  const path = new URL(request.url).pathname;
  return path.length > 200 ? `${path.slice(0, 200)}…` : path;
}

function list(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
