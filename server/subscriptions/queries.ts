import 'server-only';
import { describeSchedule, type MailSchedule } from '@/lib/subscription-schedule';
import { formatInstant } from '@/lib/format-time';
import { db } from '@/server/db';

export type SubscriptionDto = {
  id: string;
  kind: 'digest' | 'export';
  schedule: string;
  cadence: 'daily' | 'weekly' | 'monthly';
  day: number;
  localTime: string;
  timeZone: string;
  /** "Apple Pay × Alipay", or null: the partnerships the person owns or watches. */
  partnership: { name: string; slug: string } | null;
  savedView: { id: string; name: string } | null;
  format: 'csv' | 'xlsx';
  nextRunAt: string;
  lastSentAt: string | null;
  unsubscribed: boolean;
};

type Row = {
  id: string; kind: 'DIGEST' | 'EXPORT'; cadence: 'DAILY' | 'WEEKLY' | 'MONTHLY'; day: number; localTime: string; timeZone: string; format: string;
  nextRunAt: Date; lastSentAt: Date | null; unsubscribedAt: Date | null; savedViewId: string | null;
  partnership?: { name: string; slug: string } | null; savedView?: { name: string } | null;
};

export function toSubscriptionDto(r: Row): SubscriptionDto {
  return {
    id: r.id, kind: r.kind === 'DIGEST' ? 'digest' : 'export', schedule: describeSchedule(r as MailSchedule),
    cadence: r.cadence.toLowerCase() as SubscriptionDto['cadence'], day: r.day, localTime: r.localTime, timeZone: r.timeZone,
    partnership: r.partnership ?? null, savedView: r.savedViewId && r.savedView ? { id: r.savedViewId, name: r.savedView.name } : null,
    format: r.format === 'xlsx' ? 'xlsx' : 'csv', nextRunAt: r.nextRunAt.toISOString(), lastSentAt: r.lastSentAt?.toISOString() ?? null, unsubscribed: r.unsubscribedAt !== null,
  };
}

/** A person's subscriptions, newest first. */
export async function findSubscriptions(userId: string): Promise<SubscriptionDto[]> {
  const rows = await db.subscription.findMany({
    where: { userId }, orderBy: { createdAt: 'desc' },
    include: { partnership: { select: { name: true, slug: true } }, savedView: { select: { name: true } } },
  });
  return rows.map(toSubscriptionDto);
}

export type OutboxRow = { id: string; to: string; subject: string; state: string; when: string; createdAt: string; attachments: number; error: string | null };

/** Mails in the outbox, newest first: everyone's (administrators) or one person's own. */
export async function findOutbox(filter: { userId?: string }, limit = 50): Promise<OutboxRow[]> {
  const rows = await db.outboxMail.findMany({
    where: filter.userId ? { userId: filter.userId } : {}, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: limit,
    select: { id: true, toAddress: true, subject: true, state: true, createdAt: true, error: true, _count: { select: { attachments: true } } },
  });
  return rows.map((m) => ({ id: m.id, to: m.toAddress, subject: m.subject, state: m.state, when: formatInstant(m.createdAt.toISOString()), createdAt: m.createdAt.toISOString(), attachments: m._count.attachments, error: m.error }));
}

/** One mail as written, for its owner or an administrator (null otherwise: not found). */
export async function findOutboxMail(id: string, reader: { userId: string | null; all: boolean }) {
  const mail = await db.outboxMail.findUnique({ where: { id }, include: { attachments: { select: { id: true, fileName: true, contentType: true, sizeBytes: true } } } });
  if (!mail || (!reader.all && mail.userId !== reader.userId)) return null;
  return mail;
}

/** What an unsubscribe link names, for the signed-out page: which mail, to whom, and whether it still runs. */
export async function findSubscriptionForLink(id: string) {
  const s = await db.subscription.findUnique({ where: { id }, select: { id: true, kind: true, cadence: true, day: true, localTime: true, timeZone: true, unsubscribedAt: true, user: { select: { email: true } } } });
  return s && { kind: s.kind, schedule: describeSchedule(s as MailSchedule), email: s.user.email, unsubscribed: s.unsubscribedAt !== null };
}

/** The saved explorer views a person may have mailed: their own and everyone's shared ones. */
export async function findExportableViews(userId: string): Promise<{ id: string; name: string }[]> {
  return db.savedView.findMany({ where: { kind: 'METRICS', OR: [{ ownerId: userId }, { shared: true }] }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
}

/** Every partnership by name, for the digest's choice. */
export async function findDealChoices(): Promise<{ slug: string; name: string }[]> {
  return db.partnership.findMany({ orderBy: { name: 'asc' }, select: { slug: true, name: true }, take: 1_000 });
}
