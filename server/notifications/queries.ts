import 'server-only';
import type { NotificationReason } from '@/generated/prisma/client';
import { formatInstant } from '@/lib/format-time';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

/** One line of the inbox, as the page and the API show it. */
export type NotificationDto = {
  id: string;
  reason: NotificationReason;
  title: string;
  detail: string;
  href: string;
  createdAt: string;
  /** "2 Dec 2026, 09:14 UTC". */
  when: string;
  read: boolean;
};

const SELECT = { id: true, reason: true, title: true, detail: true, href: true, createdAt: true, readAt: true } as const;

function toDto(n: { id: string; reason: NotificationReason; title: string; detail: string; href: string; createdAt: Date; readAt: Date | null }): NotificationDto {
  return { id: n.id, reason: n.reason, title: n.title, detail: n.detail, href: n.href, createdAt: n.createdAt.toISOString(), when: formatInstant(n.createdAt.toISOString()), read: n.readAt !== null };
}

/** How many of a person's notifications are unread (the shell's badge). */
export async function countUnread(userId: string): Promise<number> {
  return db.notification.count({ where: { userId, readAt: null } });
}

/**
 * A person's inbox, newest first, `limit` at a time; `before` is the last id of the page before.
 * Only ever their own lines: someone else's id is "not found".
 */
export async function findInbox(userId: string, options: { unread?: boolean; before?: string; limit?: number } = {}) {
  const limit = options.limit ?? 30;
  let after: { createdAt: Date; id: string } | null = null;
  if (options.before) {
    after = await db.notification.findFirst({ where: { id: options.before, userId }, select: { createdAt: true, id: true } });
    if (!after) throw new NotFoundError('That page of the inbox no longer exists: start from the newest.');
  }
  const rows = await db.notification.findMany({
    where: {
      userId,
      ...(options.unread ? { readAt: null } : {}),
      ...(after ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    select: SELECT,
  });
  const page = rows.slice(0, limit).map(toDto);
  return { notifications: page, unread: await countUnread(userId), next: rows.length > limit ? page.at(-1)!.id : null };
}
