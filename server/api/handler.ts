import 'server-only';
import { NextResponse } from 'next/server';
import type { z } from 'zod';
import type { Permission } from '@/lib/permissions';
import { isSameOrigin } from '@/lib/same-origin';
import type { Actor } from '@/server/auth/actor';
import { authorize } from '@/server/auth/guard';
import { actorFromSessionHeaders } from '@/server/auth/session';
import { validationError } from '@/server/actions/define';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '@/server/errors';
import { actorFromBearer } from '@/server/tokens/authenticate';
import { errorResponse } from './respond';

type Context<P> = { request: Request; actor: Actor; params: P };

/**
 * Wraps an /api/v1 route handler: authenticate (bearer token, or the browser session), check the
 * permission first, then run. Every error becomes a JSON 4xx with a message a person can act on.
 */
export function apiRoute<P = Record<string, string>>(permission: Permission, handler: (ctx: Context<P>) => Promise<Response | unknown>) {
  return async (request: Request, segment: { params: Promise<P> }) => {
    try {
      const authorization = request.headers.get('authorization');
      const path = new URL(request.url).pathname;
      const actor = authorization
        ? await actorFromBearer(authorization, { method: request.method, path })
        : await actorFromSessionHeaders(request.headers);
      if (!actor) throw new UnauthenticatedError('Sign in, or send an API token as Authorization: Bearer <token>.');
      authorize(actor, permission);
      const result = await handler({ request, actor, params: await segment.params });
      return result instanceof Response ? result : NextResponse.json(result, { headers: { 'Cache-Control': 'no-store' } });
    } catch (error) {
      return errorResponse(error);
    }
  };
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
 * The proxy's CSRF rule (proxy.ts) for a route the proxy does not run on (the uploads): a browser
 * request authenticated by its session cookie must come from this site. Bearer-token calls carry
 * no ambient credentials and are exempt.
 */
export function requireSameOrigin(request: Request): void {
  if (request.headers.get('authorization')?.startsWith('Bearer ')) return;
  if (!isSameOrigin(request.headers)) throw new ForbiddenError('Cross-origin request refused.');
}
