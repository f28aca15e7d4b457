import 'server-only';
import type { CreateSubscriptionInput } from '@/lib/schemas/subscriptions';
import { nextOccurrence } from '@/lib/subscription-schedule';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { authorize } from '@/server/auth/guard';
import { db } from '@/server/db';
import { ForbiddenError, NotFoundError } from '@/server/errors';
import { enqueueJob } from '@/server/jobs/queue';
import { SEND_JOB } from './run';
import { toSubscriptionDto, type SubscriptionDto } from './queries';

const own = (actor: Actor) => {
  if (!actor.userId) throw new ForbiddenError('Mail goes to a person: sign in to subscribe.');
  return actor.userId;
};

/** Subscribes the actor to a digest or a saved view's export, first due at the next chosen time. */
export async function createSubscription(actor: Actor, input: CreateSubscriptionInput, now = new Date()): Promise<SubscriptionDto> {
  const userId = own(actor);
  if (input.kind === 'export') authorize(actor, 'metrics.export');
  return db.$transaction(async (tx) => {
    let partnershipId: string | null = null;
    if (input.kind === 'digest' && input.partnership) {
      const p = await tx.partnership.findUnique({ where: { slug: input.partnership }, select: { id: true } });
      if (!p) throw new NotFoundError('No partnership with that web address.');
      partnershipId = p.id;
    }
    if (input.kind === 'export') {
      const view = await tx.savedView.findFirst({ where: { id: input.savedViewId, kind: 'METRICS', OR: [{ ownerId: userId }, { shared: true }] }, select: { id: true } });
      if (!view) throw new NotFoundError('No saved explorer view with that id that you can see.');
    }
    const cadence = input.cadence.toUpperCase() as 'DAILY' | 'WEEKLY' | 'MONTHLY';
    const schedule = { cadence, day: cadence === 'DAILY' ? 1 : input.day, localTime: input.localTime, timeZone: input.timeZone };
    const row = await tx.subscription.create({
      data: {
        userId, kind: input.kind === 'digest' ? 'DIGEST' : 'EXPORT', ...schedule, partnershipId,
        savedViewId: input.kind === 'export' ? input.savedViewId! : null, format: input.format, nextRunAt: nextOccurrence(schedule, now),
      },
      include: { partnership: { select: { name: true, slug: true } }, savedView: { select: { name: true } } },
    });
    await recordAudit(tx, actor, {
      entityType: 'Subscription', entityId: row.id, action: 'subscription.created',
      after: { kind: row.kind, cadence: row.cadence, day: row.day, localTime: row.localTime, timeZone: row.timeZone, format: row.format, savedViewId: row.savedViewId, partnership: row.partnership?.name ?? null },
    });
    return toSubscriptionDto(row);
  });
}

async function ownSubscription(actor: Actor, id: string) {
  const sub = await db.subscription.findFirst({ where: { id, userId: own(actor) }, select: { id: true, kind: true, partnershipId: true } });
  if (!sub) throw new NotFoundError('No subscription of yours with that id.');
  return sub;
}

/** Removes one of the actor's subscriptions. */
export async function deleteSubscription(actor: Actor, id: string): Promise<{ id: string; deleted: true }> {
  const sub = await ownSubscription(actor, id);
  await db.$transaction(async (tx) => {
    await tx.subscription.delete({ where: { id } });
    await recordAudit(tx, actor, { entityType: 'Subscription', entityId: id, action: 'subscription.deleted', before: { kind: sub.kind } });
  });
  return { id, deleted: true };
}

/** "Send now": the mail is written within seconds, and the schedule is unchanged. */
export async function sendSubscriptionNow(actor: Actor, id: string, now = new Date()): Promise<{ id: string; queued: boolean }> {
  await ownSubscription(actor, id);
  // One per minute: a double click sends one mail.
  const queued = await enqueueJob(SEND_JOB, { subscriptionId: id, manual: true }, { dedupeKey: `subscription:${id}:now:${now.toISOString().slice(0, 16)}` });
  return { id, queued: queued !== null };
}

/**
 * The mail's unsubscribe link, signed out: stops the subscription (kept, marked unsubscribed), in
 * the audit trail as its owner's own act. Unsubscribing twice is fine.
 */
export async function unsubscribe(subscriptionId: string): Promise<{ kind: 'DIGEST' | 'EXPORT'; already: boolean } | null> {
  return db.$transaction(async (tx) => {
    const sub = await tx.subscription.findUnique({ where: { id: subscriptionId }, include: { user: true } });
    if (!sub) return null;
    if (sub.unsubscribedAt) return { kind: sub.kind, already: true };
    await tx.subscription.update({ where: { id: sub.id }, data: { unsubscribedAt: new Date(), version: { increment: 1 } } });
    const actor: Actor = { kind: 'user', userId: sub.userId, role: sub.user.role, label: `${sub.user.email} (unsubscribe link in a mail)` };
    await recordAudit(tx, actor, { entityType: 'Subscription', entityId: sub.id, action: 'subscription.unsubscribed', before: { unsubscribedAt: null }, after: { unsubscribedAt: new Date().toISOString() } });
    return { kind: sub.kind, already: false };
  });
}
