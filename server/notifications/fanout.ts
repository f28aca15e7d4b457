import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { DECIDED_STATUSES } from '@/lib/rules/checkpoints';
import { CHECKPOINT_STATUS_LABELS, type CheckpointStatus } from '@/lib/domain';
import { presentAuditRows } from '@/server/audit/present';
import type { Db } from '@/server/db';
import { NOTIFYING } from './queue';
import { Recipients, watchersOf } from './recipients';
import { findEventSubject } from './subjects';
import { excerpt, sentence } from './words';

/** Turns one audit event into the inbox lines of everyone who owns, watches or is mentioned by it. */
export async function fanoutAuditEvent(db: Db, eventId: bigint): Promise<number> {
  const event = await db.auditEvent.findUnique({ where: { id: eventId } });
  if (!event || !NOTIFYING.test(event.action)) return 0;
  const subject = await findEventSubject(db, event.entityType, event.entityId, event.partnershipId);
  if (!subject) return 0;
  // Inbox lines are written once and read later, by people whose access to confidential fields may
  // change meanwhile: they carry no confidential value, to anyone (issue 17, item 5; the strictest
  // reader, a partner's sight). The change itself is named; its values are on the pages that may show them.
  const [entry] = await presentAuditRows([event], 'PARTNER');
  const after = (event.after ?? {}) as Record<string, unknown>;
  const who = new Recipients();
  const rows: Prisma.NotificationCreateManyInput[] = [];
  const base = { partnershipId: subject.partnershipId, auditEventId: event.id };

  if (event.action === 'note.created' || event.action === 'note.edited') {
    // Mentions: once per note and person, so an edit tells only the people it newly mentions.
    const mentioned = await db.noteMention.findMany({ where: { noteId: event.entityId }, select: { userId: true } });
    const body = typeof after.body === 'string' ? after.body : '';
    const href = `${subject.href}#note-${event.entityId}`;
    for (const [userId] of await new Recipients().add(mentioned.map((m) => m.userId), 'MENTION').final(db, event.actorId)) {
      rows.push({ ...base, userId, reason: 'MENTION', title: `${entry!.actor} mentioned you in a note on ${subject.label}`, detail: excerpt(body), href, dedupeKey: `mention:${event.entityId}:${userId}` });
    }
    if (event.action === 'note.edited') return write(db, rows);
    who.add([subject.ownerId], 'OWNED').add(subject.kind === 'partnership' ? [subject.partnershipOwnerId] : [], 'OWNED');
    who.add(await watchersOf(db, subject), 'WATCHED');
    const skip = new Set(rows.map((r) => r.userId));
    for (const [userId, reason] of await who.final(db, event.actorId)) {
      if (skip.has(userId)) continue;
      rows.push({ ...base, userId, reason, title: `${entry!.actor} wrote a note on ${subject.label}`, detail: excerpt(body), href, dedupeKey: `event:${event.id}:${userId}` });
    }
    return write(db, rows);
  }

  const decided = event.action === 'checkpoint.updated' && DECIDED_STATUSES.includes(after.status as CheckpointStatus);
  const imported = event.action === 'metrics.imported' || event.action === 'targets.imported';
  const dealWide = subject.kind === 'partnership' || decided || imported || event.action === 'rollout.flagged';
  who.add([subject.ownerId], 'OWNED').add(dealWide ? [subject.partnershipOwnerId] : [], 'OWNED');
  who.add(await watchersOf(db, subject), 'WATCHED');
  if (decided) who.add([subject.partnershipOwnerId, ...(await watchersOf(db, subject))], 'DECISION');
  if (imported) who.add([subject.partnershipOwnerId, ...(await watchersOf(db, subject))], 'IMPORT_FINISHED');
  const title = decided ? `Regulator’s decision on ${subject.label}: ${CHECKPOINT_STATUS_LABELS[after.status as CheckpointStatus]}` : sentence(entry!, subject);
  const detail = excerpt([...(decided ? [`Recorded by ${entry!.actor}`] : []), ...entry!.changes.map((c) => (c.confidential ? `${c.field}: ${c.to}` : `${c.field}: ${c.from ?? 'not set'} → ${c.to ?? 'not set'}`)), ...entry!.notes].join('; '));
  for (const [userId, reason] of await who.final(db, event.actorId)) {
    rows.push({ ...base, userId, reason, title, detail, href: subject.href, dedupeKey: `event:${event.id}:${userId}` });
  }
  return write(db, rows);
}

async function write(db: Db, rows: Prisma.NotificationCreateManyInput[]): Promise<number> {
  if (!rows.length) return 0;
  const { count } = await db.notification.createMany({ data: rows, skipDuplicates: true });
  return count;
}
