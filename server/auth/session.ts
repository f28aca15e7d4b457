import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import { parseCookies } from 'better-call';
import { constantTimeEqual, makeSignature } from 'better-auth/crypto';
import type { Role } from '@/lib/domain';
import { Prisma } from '@/generated/prisma/client';
import { db } from '@/server/db';
import { readRows } from '@/server/db/read-rows';
import { offerRenderDataVersions, type DataVersions } from '@/server/cache/versioned';
import { userActor, type Actor } from './actor';
import { auth, SESSION_IDLE_SECONDS } from './better-auth';

// Record activity at most this often, so a busy page does not write on every request.
const TOUCH_AFTER_MS = 60_000;

type SessionRow = {
  sessionId: string;
  expiresAt: Date;
  updatedAt: Date;
  userId: string;
  email: string;
  name: string;
  role: Role;
  deactivatedAt: Date | null;
  mustChangePassword: boolean;
  organizationId: string | null;
  contentVersion: bigint | null;
  metricsVersion: bigint | null;
};

/**
 * The signed-in user behind these request headers, or null. Refuses (and deletes) sessions that
 * ran out or sat idle too long; refuses deactivated users even if their session row survived.
 *
 * better-auth signs people in and out, issues and signs the session cookie and stores the session
 * row; reading it back on every page and API call is done here in one statement instead of through
 * its getSession endpoint (two statements and its endpoint pipeline: ~1.4 ms of CPU a request on
 * PostgreSQL against ~0.4 ms here; docs/decisions/025-session-read.md). The cookie is checked
 * exactly as getSession checks it: better-auth's cookie name and secret, its HMAC signature
 * (better-auth's own helpers), the first cookie of that name (better-call's parser, which
 * getSession uses). tests/db/session-read.test.ts compares both readers on every kind of cookie.
 */
export async function actorFromSessionHeaders(requestHeaders: Headers, onDataVersions?: (versions: DataVersions) => void): Promise<Actor | null> {
  const token = await signedSessionToken(requestHeaders);
  if (!token) return null;
  // The data versions (server/cache/versioned.ts) come along: a page checks the session before it
  // reads any data, so they are read early enough, and the page saves a round trip.
  const [row] = await readRows<SessionRow>(Prisma.sql`
    SELECT s.id AS "sessionId", s."expiresAt", s."updatedAt", u.id AS "userId", u.email, u.name,
           u.role::text AS role, u."deactivatedAt", u."mustChangePassword", u."organizationId",
           (SELECT version FROM data_versions WHERE name = 'content') AS "contentVersion",
           (SELECT version FROM data_versions WHERE name = 'metrics') AS "metricsVersion"
    FROM sessions s JOIN users u ON u.id = s."userId"
    WHERE s.token = ${token}`);
  if (!row) return null;
  onDataVersions?.({ content: row.contentVersion ?? 0n, metrics: row.metricsVersion ?? 0n });
  const now = Date.now();
  // Ran out (better-auth's absolute limit, which its getSession also deletes), or idle too long.
  if (row.expiresAt.getTime() < now || now - row.updatedAt.getTime() > SESSION_IDLE_SECONDS * 1000) {
    await db.session.deleteMany({ where: { id: row.sessionId } });
    return null;
  }
  if (row.deactivatedAt) return null;
  if (now - row.updatedAt.getTime() > TOUCH_AFTER_MS) {
    await db.session.updateMany({ where: { id: row.sessionId }, data: { updatedAt: new Date() } });
  }
  return userActor(
    { id: row.userId, email: row.email, name: row.name, role: row.role, mustChangePassword: row.mustChangePassword, organizationId: row.organizationId },
    row.sessionId,
  );
}

/**
 * The session token of the request's session cookie when its signature holds, as better-auth's
 * getSession reads it (better-call's getSignedCookie): `<token>.<base64 HMAC-SHA256>`, 44
 * characters of signature, checked against better-auth's secret. Null when absent or forged.
 */
export async function signedSessionToken(requestHeaders: Headers): Promise<string | null> {
  const cookie = requestHeaders.get('cookie');
  if (!cookie) return null;
  const context = await auth().$context;
  const signed = parseCookies(cookie).get(context.authCookies.sessionToken.name);
  if (!signed) return null;
  const dot = signed.lastIndexOf('.');
  if (dot < 1) return null;
  const token = signed.slice(0, dot);
  const signature = signed.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith('=')) return null;
  const sent = signatureBytes(signature);
  if (sent === null) return null;
  return constantTimeEqual(await makeSignature(token, context.secret), sent) ? token : null;
}

/**
 * The signature as better-call's verifySignature reads it: the bytes `atob` decodes, which ignores
 * the unused low bits of the last character (so `…A=` and `…B=` are the same signature), given back
 * in the canonical spelling `makeSignature` writes. Null when it is not base64.
 */
function signatureBytes(signature: string): string | null {
  try {
    return btoa(atob(signature));
  } catch {
    return null;
  }
}

/** The current request's signed-in actor (memoised per request). */
export const currentActor = cache(async (): Promise<Actor | null> => actorFromSessionHeaders(await headers(), offerRenderDataVersions));
