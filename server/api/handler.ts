import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import type { Permission } from '@/lib/permissions';
import { addressProblem } from '@/lib/control-characters';
import { isSameOrigin, SAFE_METHODS } from '@/lib/same-origin';
import { API_CONTENT_SECURITY_POLICY, setSecurityHeaders } from '@/lib/security-headers';
import type { Actor } from '@/server/auth/actor';
import { authorize, type GuardOptions } from '@/server/auth/guard';
import { actorFromSessionHeaders } from '@/server/auth/session';
import { validationError } from '@/server/actions/define';
import { BadAddressError, ForbiddenError, UnauthenticatedError, ValidationError } from '@/server/errors';
import { countedBearer } from '@/server/tokens/authenticate';
import { countApiRequest, withRateLimitHeaders, type CountedRequest, type RateLimitState } from './rate-limit';
import { errorResponse, withHeaderFields } from './respond';

type Context<P> = { request: Request; actor: Actor; params: P };

/**
 * Wraps an /api/v1 route handler: authenticate (bearer token, or the browser session), check the
 * permission first, then run. Every error becomes a JSON 4xx with a message a person can act on.
 */
export function apiRoute<P = Record<string, string>>(
  permission: Permission,
  handler: (ctx: Context<P>) => Promise<Response | unknown>,
  options: GuardOptions = {},
) {
  return async (request: Request, segment: { params: Promise<P> }) => {
    // Issue 18: every answer after authentication carries the RateLimit-* fields, errors too.
    let rateLimit: RateLimitState | null = null;
    try {
      // proxy.ts does not run on the API's plain addresses (its matcher): its checks come first here.
      checkOutsideProxy(request);
      const authorization = request.headers.get('authorization');
      const path = new URL(request.url).pathname;
      // Counted once per request, before the guard and the handler (a refused request runs
      // nothing); a streamed export is one request however long it streams. A token's request is
      // counted by the statement that looks the token up (one round trip; decision 020).
      const { actor, counted } = authorization
        ? await countedBearer(authorization, { method: request.method, path })
        : await countedSession(request.headers);
      rateLimit = counted.state;
      if (counted.refusal) throw counted.refusal;
      authorize(actor, permission, { partners: options.partners });
      const result = await handler({ request, actor, params: await segment.params });
      const response = result instanceof Response ? result : NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
      return finish(request, withRateLimitHeaders(response, rateLimit));
    } catch (error) {
      return finish(request, withRateLimitHeaders(errorResponse(error), rateLimit));
    }
  };
  // The security headers the proxy would have set (it does not run on the API's plain addresses).
  function finish(request: Request, response: Response): Response {
    const sent = withSecurityHeaders(response);
    return request.method === 'HEAD' ? headersOnly(sent) : sent;
  }
}

/**
 * A HEAD request: Next.js answers it by calling the route's GET and sending no body, but it
 * neither reads nor cancels that body. A streamed answer then kept what it holds until the next
 * garbage collection, or for good: a document's scratch file (one per HEAD, up to 25 MB of disk),
 * an export's slot and its database connection (three HEADs on a CSV export address and every
 * export answered 503). The body is cancelled here, which runs each stream's own cleanup, and the
 * GET's status and headers are sent alone. tests/db/head-requests.test.ts.
 */
function headersOnly(response: Response): Response {
  if (!response.body) return response;
  response.body.cancel().catch(() => {});
  return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
}

function withSecurityHeaders(response: Response): Response {
  return withHeaderFields(response, (headers) => setSecurityHeaders(headers, API_CONTENT_SECURITY_POLICY));
}

/** The browser session's actor (401 without one), then its request counted. */
async function countedSession(headers: Headers): Promise<{ actor: Actor; counted: CountedRequest }> {
  const actor = await actorFromSessionHeaders(headers);
  if (!actor) throw new UnauthenticatedError('Sign in, or send an API token as Authorization: Bearer <token>.');
  return { actor, counted: await countApiRequest(actor) };
}

/** Reads and validates a JSON body; a missing, oversized or malformed body is a 4xx, never a 500. */
export async function readJson<S extends z.ZodType>(request: Request, schema: S, maxBytes = 1_000_000): Promise<z.infer<S>> {
  const length = Number(request.headers.get('content-length') ?? 0);
  if (length > maxBytes) throw new ValidationError(`The request body is larger than ${maxBytes} bytes.`);
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw new ValidationError('The request body must be valid JSON.');
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/**
 * What proxy.ts checks, for the API addresses it does not run on (every /api/v1 address made of
 * plain segments: its matcher): an address with control characters or broken %-escapes in its
 * query is a 400, and a state-changing browser request authenticated by its session cookie must
 * come from this site (CSRF; bearer-token calls carry no ambient credentials and are exempt; reads
 * are exempt, as in the proxy: a browser sends no Origin on its own same-origin GET). apiRoute runs
 * it first on every call; tests/unit/proxy-matcher.test.ts checks which routes the proxy skips.
 */
export function checkOutsideProxy(request: Request): void {
  const url = new URL(request.url);
  const problem = addressProblem(url.pathname, url.searchParams);
  if (problem) throw new BadAddressError(problem);
  if (SAFE_METHODS.has(request.method)) return;
  if (request.headers.get('authorization')?.startsWith('Bearer ')) return;
  if (!isSameOrigin(request.headers)) throw new ForbiddenError('Cross-origin request refused.');
}
