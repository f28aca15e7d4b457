import 'server-only';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { ForbiddenError, NotFoundError } from '@/server/errors';

// Marking read is a person's own reading state, like the dashboard's review baseline: it is not a
// change to the deal, so it is kept out of the audit trail (docs/decisions/015-inbox.md).

function ownerOf(actor: Actor): string {
  if (!actor.userId) throw new ForbiddenError('An inbox belongs to a person: sign in to read yours.');
  return actor.userId;
}

/** Marks one of the actor's notifications read (or unread again). Someone else's is "not found". */
export async function markNotificationRead(actor: Actor, id: string, read = true): Promise<{ id: string; read: boolean; unread: number }> {
  const userId = ownerOf(actor);
  const updated = await db.notification.updateMany({ where: { id, userId }, data: { readAt: read ? new Date() : null } });
  if (updated.count !== 1) throw new NotFoundError('No notification with that id in your inbox.');
  return { id, read, unread: await db.notification.count({ where: { userId, readAt: null } }) };
}

/** Marks every unread notification of the actor read. */
export async function markAllNotificationsRead(actor: Actor): Promise<{ marked: number; unread: 0 }> {
  const userId = ownerOf(actor);
  const { count } = await db.notification.updateMany({ where: { userId, readAt: null }, data: { readAt: new Date() } });
  return { marked: count, unread: 0 };
}
