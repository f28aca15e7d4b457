import 'server-only';
import { NextResponse } from 'next/server';
import { asUserFacing } from '@/server/health/unavailable';
import { DatabaseUnavailableError, RateLimitedError, ThrottledError, UserFacingError } from '@/server/errors';

/**
 * JSON error bodies: { error, ...details }. Never a stack trace; unknown errors are logged.
 * An unreachable database is a 503 with Retry-After, not a 500: the request can be repeated.
 */
export function errorResponse(error: unknown): NextResponse {
  error = asUserFacing(error);
  if (error instanceof UserFacingError) {
    const headers: Record<string, string> = { 'Cache-Control': 'no-store' };
    if (error instanceof ThrottledError || error instanceof RateLimitedError) headers['Retry-After'] = String(error.retryAfterSeconds);
    if (error instanceof DatabaseUnavailableError) headers['Retry-After'] = '5';
    if (error.status === 401) headers['WWW-Authenticate'] = 'Bearer realm="accord"';
    return NextResponse.json({ error: error.message, ...error.details }, { status: error.status, headers });
  }
  console.error('[accord] request failed', error);
  return NextResponse.json({ error: 'Something went wrong on our side. Nothing was changed; please try again.' }, { status: 500 });
}

/** The client's address: the last hop our own server or proxy appended to X-Forwarded-For. */
export function clientIp(headers: Headers): string {
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded?.split(',').map((s) => s.trim()).filter(Boolean).at(-1);
  return last || headers.get('x-real-ip') || 'unknown';
}

/** A same-site path to go to after sign-in; anything else falls back to the portfolio. */
export function safeNextPath(value: unknown): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if (value.startsWith('/api/') || value.startsWith('/sign-in')) return '/';
  return value.slice(0, 2000);
}

export function seeOther(location: string, setCookies: string[] = []): Response {
  const headers = new Headers({ Location: location, 'Cache-Control': 'no-store' });
  for (const cookie of setCookies) headers.append('Set-Cookie', cookie);
  return new Response(null, { status: 303, headers });
}

/**
 * Sets header fields on an answer. A Response.redirect (or a fetched response passed through) has
 * immutable headers: it is copied with the fields set.
 */
export function withHeaderFields(response: Response, set: (headers: Headers) => void): Response {
  try {
    set(response.headers);
    return response;
  } catch {
    const headers = new Headers(response.headers);
    set(headers);
    return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
  }
}
