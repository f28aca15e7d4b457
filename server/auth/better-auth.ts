import 'server-only';
import { betterAuth } from 'better-auth';
import { prismaAdapter } from 'better-auth/adapters/prisma';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { db } from '@/server/db';
import { SSO_PROVIDER_ID, ssoConfig } from '@/server/sso/config';
import { ssoCallbackStore } from '@/server/sso/context';
import { admitSsoProfile, type SsoProfile } from '@/server/sso/provision';
import { hashPassword, verifyPassword } from './password';
import { logFromBetterAuth } from './auth-log';
import { authSecret } from './secret';

/** Session lifetimes. Absolute: a session never outlives this. Idle: unused this long, it ends. */
export const SESSION_ABSOLUTE_SECONDS = 7 * 24 * 60 * 60;
export const SESSION_IDLE_SECONDS = 8 * 60 * 60;

/**
 * better-auth (docs/decisions/002-sign-in.md) verifies passwords, stores sessions in the database
 * (so every app instance shares them) and signs the session cookie. Its HTTP endpoints are not
 * mounted: sign-in goes through /api/auth/sign-in, which adds throttling and the audit trail.
 *
 * Single sign-on (issue 18, docs/decisions/021-single-sign-on.md) is better-auth's generic OAuth
 * plugin with one OpenID Connect provider from the environment (server/sso/config.ts). Only its
 * callback is mounted (/api/auth/callback/oidc, through server/sso/flow.ts); the flow starts on the
 * server (GET /api/auth/sso). better-auth never creates anyone itself (disableSignUp): our hook
 * admits, creates or refuses the person first (server/sso/provision.ts).
 */
function createAuth() {
  const sso = ssoConfig();
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
    plugins: [
      genericOAuth({
        config: sso
          ? [{
            providerId: SSO_PROVIDER_ID,
            name: sso.label,
            discoveryUrl: sso.discoveryUrl,
            clientId: sso.clientId,
            clientSecret: sso.clientSecret,
            scopes: ['openid', 'email', 'profile'],
            pkce: true,
            // The ID token's signature, issuer, audience and nonce are checked against the
            // provider's published keys; a provider that publishes none is not used.
            requireIdTokenVerification: true,
            disableSignUp: true,
            // Called with the verified claims before better-auth looks the person up. A refusal
            // empties the email, so better-auth stops there; our route words the reason.
            mapProfileToUser: async (profile: SsoProfile) => {
              const store = ssoCallbackStore.getStore();
              const verdict = await admitSsoProfile(profile, { ip: store?.ip, userAgent: store?.userAgent });
              if (store) store.verdict = verdict;
              return verdict.admitted ? { email: verdict.email, emailVerified: true } : { email: '' };
            },
          }]
          : [],
      }),
    ],
    account: {
      // The provider's account joins the person's Accord account by the email the provider
      // verified (mapProfileToUser refuses unverified ones). Accord's own addresses were typed by
      // an administrator, not proven by a mail, so better-auth's local-verification rule is off.
      accountLinking: { enabled: true, requireLocalEmailVerified: false },
      encryptOAuthTokens: true,
    },
    databaseHooks: {
      session: {
        create: {
          before: async (session) => {
            const store = ssoCallbackStore.getStore();
            if (!store) return;
            // A single sign-on makes a session only for the person our hook admitted (not, say, an
            // account the provider's subject was linked to before its email changed).
            if (!store.verdict?.admitted || store.verdict.userId !== session.userId) return false;
            store.sessionUserId = session.userId;
          },
        },
      },
    },
    rateLimit: { enabled: false }, // sign-in throttling is ours, in the database (throttle.ts)
    logger: { log: logFromBetterAuth }, // its lines as it prints them, but for a refused single sign-on (auth-log.ts)
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
