import 'server-only';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { db } from '@/server/db';
import { hashPassword, verifyPassword } from './password';
import { authSecret } from './secret';

/** Session lifetimes. Absolute: a session never outlives this. Idle: unused this long, it ends. */
export const SESSION_ABSOLUTE_SECONDS = 7 * 24 * 60 * 60;
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;

/**
 * better-auth (docs/decisions/002-sign-in.md) verifies passwords, stores sessions in the database
 * (so every app instance shares them) and signs the session cookie. Its HTTP endpoints are not
 * mounted: sign-in goes through /api/auth/sign-in, which adds throttling and the audit trail.
 */
function createAuth() {
  return betterAuth({
    appName: 'Accord',
    secret: authSecret(),
    baseURL: process.env.ACCORD_BASE_URL ?? 'http://localhost:3000',
    database: prismaAdapter(db, { provider: 'postgresql' }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true, // people are created by an administrator or the CLI
      password: { hash: hashPassword, verify: ({ hash, password }) => verifyPassword(hash, password) },
    },
    session: {
      expiresIn: SESSION_ABSOLUTE_SECONDS,
      // No sliding expiry in better-auth: expiresAt stays the absolute limit; the idle limit is
      // enforced on every request in server/auth/session.ts.
      disableSessionRefresh: true,
    },
    // Read with the session, so a request checks role, deactivation and a pending password change
    // without a second query (issue 14). None is settable through better-auth (input: false).
    user: {
      additionalFields: {
        role: { type: 'string', required: true, input: false },
        deactivatedAt: { type: 'date', required: false, input: false },
        mustChangePassword: { type: 'boolean', required: false, input: false },
        organizationId: { type: 'string', required: false, input: false },
      },
    },
    rateLimit: { enabled: false }, // sign-in throttling is ours, in the database (throttle.ts)
    telemetry: { enabled: false },
    advanced: {
      useSecureCookies: process.env.NODE_ENV === 'production' && process.env.ACCORD_INSECURE_COOKIES !== '1',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', path: '/' },
    },
  });
}

type Auth = ReturnType<typeof createAuth>;
const key = Symbol.for('accord.auth');
type G = typeof globalThis & { [key]?: Auth };

export function auth(): Auth {
  const g = globalThis as G;
  g[key] ??= createAuth();
  return g[key];
}
