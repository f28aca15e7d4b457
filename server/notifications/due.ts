import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { addDays, dateToDay, type IsoDay } from '@/lib/dates';
import { describeDue, formatDay } from '@/lib/format';
import { EVIDENCE_WARNING_DAYS, evidenceState } from '@/lib/rules/checkpoints';
import type { Db } from '@/server/db';
import { SUBJECT_TYPE } from '@/server/notes/subjects';
import { activeReaders, Recipients } from './recipients';
import { subjectHref } from './subjects';

type Row = Prisma.NotificationCreateManyInput;

/**
 * The dates that come due on their own, with nobody making a change (issue 16): evidence that
 * expires within 30 days (lib/rules/checkpoints.ts, the same rule as the flags) and milestones
 * that became overdue. Run every 15 minutes; each person hears once per date (the key holds the date, so a
 * due date moved later is news again). Returns how many notifications it wrote.
 */
export async function notifyDueDates(db: Db, now: Date): Promise<number> {
  const today = dateToDay(now);
  const deals = await db.partnership.findMany({ select: { id: true, slug: true, ownerId: true } });
  const dealOf = new Map(deals.map((d) => [d.id, d]));
  const [checkpoints, milestones, watches] = await Promise.all([
    db.regulatoryCheckpoint.findMany({
      where: { evidenceExpiresOn: { not: null, lte: new Date(`${addDays(today, EVIDENCE_WARNING_DAYS)}T00:00:00Z`) } },
      select: { id: true, partnershipId: true, regulator: true, requirement: true, evidenceExpiresOn: true },
    }),
    db.milestone.findMany({
      where: { deletedAt: null, status: { not: 'DONE' }, dueOn: { lt: new Date(`${today}T00:00:00Z`) } },
      select: { id: true, partnershipId: true, title: true, ownerId: true, dueOn: true },
    }),
    db.watch.findMany({ select: { userId: true, subjectType: true, subjectId: true } }),
  ]);
  const readers = await activeReaders(db);
  const watchers = new Map<string, string[]>();
  for (const w of watches) watchers.set(`${w.subjectType}:${w.subjectId}`, [...(watchers.get(`${w.subjectType}:${w.subjectId}`) ?? []), w.userId]);
  const watching = (type: keyof typeof SUBJECT_TYPE, id: string, dealId: string) => [
    ...(watchers.get(`${SUBJECT_TYPE[type]}:${id}`) ?? []), ...(watchers.get(`PARTNERSHIP:${dealId}`) ?? []),
  ];

  const rows: Row[] = [];
  for (const c of checkpoints) {
    const deal = dealOf.get(c.partnershipId);
    const expiresOn = dateToDay(c.evidenceExpiresOn!);
    const state = evidenceState(expiresOn, today);
    if (!deal || (state !== 'expiring' && state !== 'expired')) continue;
    const label = `${c.regulator} (${c.requirement})`;
    const title = state === 'expired' ? `Evidence for ${label} has expired` : `Evidence for ${label} expires ${describeDue(expiresOn, today).text.replace(/^due /, '')}`;
    const who = new Recipients().add([deal.ownerId, ...watching('checkpoint', c.id, deal.id)], 'EVIDENCE_EXPIRING');
    for (const [userId, reason] of await who.final(db, null, readers)) {
      rows.push({
        userId, reason, title, detail: `Expires on ${formatDay(expiresOn)}`, href: subjectHref(deal.slug, 'checkpoint', c.id), partnershipId: deal.id,
        dedupeKey: `evidence-${state}:${c.id}:${expiresOn}:${userId}`,
      });
    }
  }
  for (const m of milestones) {
    const deal = dealOf.get(m.partnershipId);
    if (!deal) continue;
    const dueOn: IsoDay = dateToDay(m.dueOn!);
    const who = new Recipients().add([m.ownerId, deal.ownerId, ...watching('milestone', m.id, deal.id)], 'MILESTONE_OVERDUE');
    for (const [userId, reason] of await who.final(db, null, readers)) {
      rows.push({
        userId, reason, title: `${m.title} is overdue`, detail: `It was due on ${formatDay(dueOn)}`, href: subjectHref(deal.slug, 'milestone', m.id), partnershipId: deal.id,
        dedupeKey: `overdue:${m.id}:${dueOn}:${userId}`,
      });
    }
  }
  if (!rows.length) return 0;
  const { count } = await db.notification.createMany({ data: rows, skipDuplicates: true });
  return count;
}
