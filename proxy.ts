import { NextResponse, type NextRequest } from 'next/server';
import { addressProblem } from '@/lib/control-characters';
import { isSameOrigin, SAFE_METHODS } from '@/lib/same-origin';
import { API_CONTENT_SECURITY_POLICY, pageContentSecurityPolicy, setSecurityHeaders } from '@/lib/security-headers';

/**
 * Runs before every request (Next.js 16 "proxy", formerly middleware). It is a convenience and
 * a hardening layer, never the access check: pages, actions and routes call the permission guard
 * themselves (server/auth/guard.ts).
 * - security headers, with a per-request CSP nonce (Next.js CSP guide);
 * - refuses cross-origin state-changing requests, including `Origin: null` (CSRF);
 * - sends signed-out visitors of pages to /sign-in, and answers signed-out API calls with 401;
 * - answers 400 with a message for an address with control characters or broken %-escapes, so no
 *   page, route or query ever hands a NUL to the database (issue 13, finding 8).
 */
// The OpenAPI document (issue 18) describes the API and holds no data: tools read it without a token.
// An invitation's page and its form's POST (issue 17): the invitee has no account yet; the token in
// the address is the credential. Unlike unsubscribing, only our own page posts it: the origin check stays.
// Single sign-on (issue 18): its start and the provider's return, both GET, before anyone has a session.
const PUBLIC_PATHS = ['/sign-in', '/api/health', '/api/v1/openapi.json', '/api/auth/sign-in', '/api/auth/sign-out', '/api/auth/sso', '/api/auth/callback', '/unsubscribe', '/api/unsubscribe', '/invitation', '/api/invitation'];
// A mail's one-click unsubscribe (RFC 8058): mail programs POST it from their servers, with no
// Origin. Its signed token is the only credential (no cookie), like a bearer token.
const TOKEN_IN_PATH = '/api/unsubscribe/';
const SESSION_COOKIES = ['better-auth.session_token', '__Secure-better-auth.session_token'];

function withSecurityHeaders(response: NextResponse, csp: string): NextResponse {
  setSecurityHeaders(response.headers, csp);
  return response;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function proxy(request: NextRequest) {
  const { pathname, search } = request.nextUrl;
  // The JSON API needs no nonce, nor the page's request headers below (x-nonce, x-accord-path):
  // skipping them spares every API call a copy of its headers (issue 14, goal 5).
  const isDataApi = pathname.startsWith('/api/v1/');
  const nonce = isDataApi ? '' : Buffer.from(crypto.randomUUID()).toString('base64');
  const csp = isDataApi ? API_CONTENT_SECURITY_POLICY : pageContentSecurityPolicy(nonce);
  const isApi = pathname.startsWith('/api/');
  const bearer = request.headers.get('authorization')?.startsWith('Bearer ');

  const problem = addressProblem(pathname, request.nextUrl.searchParams);
  if (problem) {
    const response = isApi
      ? NextResponse.json({ error: problem }, { status: 400 })
      : new NextResponse(`<!doctype html><html lang="en"><meta charset="utf-8"><meta name="color-scheme" content="light dark"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Address not understood</title><body style="font-family:system-ui,sans-serif;margin:3rem"><h1>This address cannot be opened</h1><p>${escapeHtml(problem)} Check the link, or go back to the <a href="/">portfolio</a>.</p></body></html>`,
        { status: 400, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
    return withSecurityHeaders(response, csp);
  }

  // CSRF: a browser always sends Origin on cross-site POSTs; ours must match this host.
  // Bearer-token API calls carry no ambient credentials and are exempt.
  if (!SAFE_METHODS.has(request.method) && !bearer && !pathname.startsWith(TOKEN_IN_PATH) && !isSameOrigin(request.headers)) {
    const body = { error: 'Cross-origin request refused.' };
    return withSecurityHeaders(NextResponse.json(body, { status: 403 }), csp);
  }

  const isPublic = PUBLIC_PATHS.some((p) => pathname === p || pathname.startsWith(`${p}/`));
  const hasSession = SESSION_COOKIES.some((name) => request.cookies.has(name));
  // A server action from a page loaded before the session ended (signed out in another tab): a
  // redirect would break the page and lose what was typed. Let the action refuse it itself (its
  // guard runs first), so the form says "your session has ended" and keeps its values.
  const isServerAction = request.method === 'POST' && request.headers.has('next-action');
  if (!isPublic && !hasSession && !bearer && !isServerAction) {
    if (isApi) {
      const response = NextResponse.json({ error: 'Sign in, or send an API token as Authorization: Bearer <token>.' }, { status: 401 });
      response.headers.set('WWW-Authenticate', 'Bearer realm="accord"');
      return withSecurityHeaders(response, csp);
    }
    const url = request.nextUrl.clone();
    url.pathname = '/sign-in';
    url.search = pathname === '/' ? '' : `?next=${encodeURIComponent(pathname + search)}`;
    return withSecurityHeaders(NextResponse.redirect(url), csp);
  }

  if (isDataApi) return withSecurityHeaders(NextResponse.next(), csp);
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('x-accord-path', pathname + search);
  requestHeaders.set('Content-Security-Policy', csp);
  return withSecurityHeaders(NextResponse.next({ request: { headers: requestHeaders } }), csp);
}

// The JSON API's plain addresses (/api/v1/ followed by letters, digits, '-' and '_' segments: every
// route with real ids and slugs) are left out. apiRoute makes this proxy's checks itself on each
// call (server/api/handler.ts checkOutsideProxy: the query, the origin; a signed-out caller's 401;
// the security headers), so running the proxy only cost each call ~1 ms (decision 012,
// "Overhead", addendum 2026-12-05), and Next.js copies the body of every request the
// proxy runs on into memory and cuts it at 10 MB (experimental.proxyClientMaxBodySize), which would
// hold a 25 MB upload twice and silently cut a 64 MB import. An address with anything unusual in a
// segment (%-escapes, dots, control characters) still goes through the proxy, whose 400 names the
// problem. tests/unit/proxy-matcher.test.ts checks every route on disk against this.
export const config = {
  matcher: [{ source: '/((?!_next/static|_next/image|favicon.ico|api/v1/(?:[A-Za-z0-9_-]+/)*[A-Za-z0-9_-]+$).*)' }],
};
