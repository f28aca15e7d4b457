import 'server-only';
import { recordAudit } from '@/server/audit/record';
import { db } from '@/server/db';
import { isDatabaseUnavailable } from '@/server/health/unavailable';
import { ForbiddenError, ThrottledError, UnauthenticatedError } from '@/server/errors';
import { passwordOffFor } from '@/server/sso/policy';
import { SYSTEM_ACTOR, userActor } from './actor';
import { auth } from './better-auth';
import { hashPassword, verifyPassword } from './password';
import { clearFailures, recordFailure, signInThrottleKeys, throttledFor } from './throttle';

export const SIGN_IN_FAILED = 'Email or password is incorrect.';

/** Password sign-in is off for this email's domain (issue 18): its people use single sign-on. */
export class PasswordSignInOffError extends ForbiddenError {
  constructor(readonly domain: string) {
    super(`People at ${domain} sign in with single sign-on, not with a password.`);
  }
}

// Verified against when the email is unknown, so both cases take the same time.
let decoyHash: Promise<string> | null = null;

export type SignInResult = { setCookies: string[]; userId: string };

/**
 * Email + password sign-in. The same message and timing whether or not the email exists;
 * throttled per account and per IP; every attempt lands in the audit trail.
 */
export async function signIn(input: { email: string; password: string; ip: string; userAgent: string }): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const keys = signInThrottleKeys(email, input.ip);
  const context = { email, ip: input.ip, userAgent: input.userAgent.slice(0, 200) };

  const wait = await throttledFor(keys);
  if (wait) {
    await recordAudit(db, SYSTEM_ACTOR, { entityType: 'SignIn', entityId: email, action: 'signin.throttled', context });
    throw new ThrottledError(wait);
  }

  // Before the password is even checked: the answer depends on the domain only, so it tells nobody
  // whether the account exists, and a leaked password of such a person is useless here.
  const ssoOnly = await passwordOffFor(email);
  if (ssoOnly) {
    await recordAudit(db, SYSTEM_ACTOR, { entityType: 'SignIn', entityId: email, action: 'signin.failed', context: { ...context, reason: `password sign-in is off for ${ssoOnly}` } });
    throw new PasswordSignInOffError(ssoOnly);
  }

  const user = await db.user.findUnique({ where: { email }, select: { id: true, email: true, name: true, role: true, deactivatedAt: true } });
  const fail = async (reason: string) => {
    await recordFailure(keys);
    await recordAudit(db, SYSTEM_ACTOR, {
      entityType: user ? 'User' : 'SignIn', entityId: user?.id ?? email, action: 'signin.failed', context: { ...context, reason },
    });
    return new UnauthenticatedError(SIGN_IN_FAILED);
  };

  if (!user || user.deactivatedAt) {
    decoyHash ??= hashPassword('decoy password for unknown accounts');
    await verifyPassword(await decoyHash, input.password);
    throw await fail(user ? 'deactivated' : 'unknown email');
  }

  // Outside the try: a server without its session secret is the operator's to fix (503 naming the
  // setting), not a wrong password (issue 14 session, 2026-12-06).
  const api = auth().api;
  let setCookies: string[];
  try {
    const { headers } = await api.signInEmail({
      body: { email, password: input.password, rememberMe: true },
      headers: new Headers({ 'user-agent': input.userAgent, 'x-forwarded-for': input.ip }),
      returnHeaders: true,
    });
    setCookies = headers.getSetCookie();
  } catch (error) {
    if (isDatabaseUnavailable(error)) throw error; // an outage is not a wrong password
    throw await fail('wrong password');
  }
  await clearFailures(keys[0]!.key);
  await db.$transaction(async (tx) => {
    // Not the version: signing in is not an edit of the person, and must not make an open admin form stale.
    await tx.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
    await recordAudit(tx, userActor(user), { entityType: 'User', entityId: user.id, action: 'signin.succeeded', context });
  });
  return { setCookies, userId: user.id };
}

export async function signOut(requestHeaders: Headers): Promise<string[]> {
  try {
    const { headers } = await auth().api.signOut({ headers: requestHeaders, returnHeaders: true });
    const cookies = headers.getSetCookie();
    if (cookies.length) return cookies;
  } catch (error) {
    // The session row may outlive this (database unreachable), but this browser forgets it, so
    // "You are signed out" stays true here; the session ends by its idle limit at the latest.
    console.error('[accord] sign-out could not end the session on the server', error instanceof Error ? error.message : error);
  }
  return SESSION_COOKIE_NAMES.map((name) => `${name}=; Path=/; Max-Age=0; HttpOnly; SameSite=Lax${name.startsWith('__Secure-') ? '; Secure' : ''}`);
}

const SESSION_COOKIE_NAMES = ['better-auth.session_token', 'better-auth.session_data', '__Secure-better-auth.session_token', '__Secure-better-auth.session_data'];
