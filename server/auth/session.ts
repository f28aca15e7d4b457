import 'server-only';
import { cache } from 'react';
import { headers } from 'next/headers';
import type { Role } from '@/lib/domain';
import { db } from '@/server/db';
import { userActor, type Actor } from './actor';
import { auth, SESSION_IDLE_SECONDS } from './better-auth';

// Record activity at most this often, so a busy page does not write on every request.
const TOUCH_AFTER_MS = 60_000;

/**
 * The signed-in user behind these request headers, or null. Refuses (and deletes) sessions that
 * sat idle too long; refuses deactivated users even if their session row somehow survived.
 */
export async function actorFromSessionHeaders(requestHeaders: Headers): Promise<Actor | null> {
  const found = await auth().api.getSession({
    headers: requestHeaders,
    query: { disableRefresh: true, disableCookieCache: true },
  });
  if (!found) return null;
  // better-auth read the session and its user (with our fields) from the database just now.
  const { session, user } = found;
  if (user.deactivatedAt) return null;
  const idleMs = Date.now() - session.updatedAt.getTime();
  if (idleMs > SESSION_IDLE_SECONDS * 1000) {
    await db.session.deleteMany({ where: { id: session.id } });
    return null;
  }
  if (idleMs > TOUCH_AFTER_MS) {
    await db.session.updateMany({ where: { id: session.id }, data: { updatedAt: new Date() } });
  }
  return userActor({ id: user.id, email: user.email, name: user.name, role: user.role as Role, mustChangePassword: !!user.mustChangePassword, organizationId: (user.organizationId as string | null | undefined) ?? null }, session.id);
}

/** The current request's signed-in actor (memoised per request). */
export const currentActor = cache(async (): Promise<Actor | null> => actorFromSessionHeaders(await headers()));
