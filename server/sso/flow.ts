import 'server-only';
import { clientIp, seeOther } from '@/server/api/respond';
import { recordAudit } from '@/server/audit/record';
import { userActor } from '@/server/auth/actor';
import { auth } from '@/server/auth/better-auth';
import { db } from '@/server/db';
import { SSO_PROVIDER_ID, ssoConfig } from './config';
import { ssoCallbackStore, type SsoCallbackStore } from './context';
import { ssoLogLine, type SsoOutcome } from './log';

const SESSION_COOKIE = /^(?:__Secure-)?better-auth\.session_token=[^;]+/;

/**
 * Starts a single sign-on: better-auth makes the state (with PKCE and a nonce) and the provider's
 * authorization address; the browser goes there with the state cookie. null when SSO is off.
 */
export async function startSsoSignIn(next: string, requestHeaders: Headers): Promise<{ url: string; setCookies: string[] } | null> {
  if (!ssoConfig()) return null;
  const { headers, response } = await auth().api.signInSocial({
    body: { provider: SSO_PROVIDER_ID, callbackURL: next, errorCallbackURL: '/sign-in', disableRedirect: true },
    headers: requestHeaders,
    returnHeaders: true,
  });
  if (!response.url) throw new Error('better-auth gave no authorization address for single sign-on');
  return { url: response.url, setCookies: headers.getSetCookie() };
}

/**
 * The provider sends the browser back here. better-auth checks the state, exchanges the code,
 * verifies the ID token (signature, issuer, audience, nonce) and, through our hook
 * (server/sso/provision.ts), admits, creates or refuses the person; then it makes the session.
 * This wraps its answer: a refusal goes back to the sign-in page with its reason in words, any
 * other failure with a general one (never a 500), and a success is audited like a password sign-in.
 */
export async function completeSsoSignIn(request: Request): Promise<Response> {
  if (!ssoConfig()) return new Response('Single sign-on is not configured.', { status: 404 });
  const store: SsoCallbackStore = { ip: clientIp(request.headers), userAgent: request.headers.get('user-agent') ?? '' };
  let response: Response;
  try {
    response = await ssoCallbackStore.run(store, () => auth().handler(request));
  } catch (error) {
    log(store, { kind: 'failed', error });
    return seeOther('/sign-in?error=sso-failed');
  }
  const setCookies = response.headers.getSetCookie();
  const verdict = store.verdict;
  if (verdict && !verdict.admitted) {
    log(store, { kind: 'refused' });
    return seeOther(`/sign-in?error=sso-${verdict.reason}`, withoutSession(setCookies));
  }
  const signedIn = response.status >= 300 && response.status < 400 && store.sessionUserId && setCookies.some((c) => SESSION_COOKIE.test(c));
  if (!signedIn || !verdict) {
    const code = new URL(response.headers.get('location') ?? '/', 'http://x').searchParams.get('error');
    log(store, { kind: 'incomplete', code: code ?? `status ${response.status}` });
    return seeOther('/sign-in?error=sso-failed', withoutSession(setCookies));
  }
  log(store, { kind: 'signed-in' });
  const user = await db.user.findUniqueOrThrow({ where: { id: store.sessionUserId! }, select: { id: true, email: true, name: true, role: true } });
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await recordAudit(tx, userActor(user), {
      entityType: 'User', entityId: user.id, action: 'signin.succeeded',
      context: { email: user.email, ip: store.ip, userAgent: store.userAgent.slice(0, 200), method: 'single sign-on', ...(verdict.created ? { firstSignIn: true } : {}) },
    });
  });
  const headers = new Headers(response.headers);
  headers.set('Cache-Control', 'no-store');
  return new Response(null, { status: 303, headers });
}

/** The callback's one log line (server/sso/log.ts). */
function log(store: SsoCallbackStore, outcome: SsoOutcome) {
  const entry = ssoLogLine(store, outcome);
  if (entry) console[entry.level](entry.line);
}

/** A failed callback must not leave a session cookie behind (better-auth sets none then; belt and braces). */
function withoutSession(setCookies: string[]): string[] {
  return setCookies.filter((c) => !SESSION_COOKIE.test(c));
}
