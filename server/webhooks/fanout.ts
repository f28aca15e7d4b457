import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { webhookEventOf } from '@/lib/webhook-events';
import { enqueueJob } from '@/server/jobs/queue';
import { buildWebhookPayload } from './payload';

type Tx = Prisma.TransactionClient;

/** The job kind that sends due deliveries (server/jobs/registry.ts, server/webhooks/deliver.ts). */
export const WEBHOOK_SEND_JOB = 'webhooks.send';

/**
 * One delivery per active endpoint subscribed to the event's family, written in the transaction of
 * the change itself (server/notifications/queue.ts calls this from recordAudit). Why not in the
 * fan-out job: the deliveries of one thing must leave in the order of its changes, and two fan-out
 * jobs run side by side (or one is retried) could write a later change's delivery first; written
 * here, they exist exactly when the change commits, in commit order (docs/decisions/016-webhooks.md).
 * With no endpoint subscribed (the usual case) this is one query on a table of a few rows.
 * Idempotent: one delivery per endpoint and audit event (a unique key), so calling it twice adds nothing.
 */
export async function queueWebhookDeliveries(tx: Tx, action: string, eventId: bigint, now: Date = new Date()): Promise<number> {
  const family = webhookEventOf(action);
  if (!family) return 0;
  // An endpoint deleted meanwhile must not fail this change on its foreign key. Deleting one writes
  // its audit row first (server/webhooks/mutations.ts), and every audit row bumps data_versions, which
  // this change already holds: the deletion waits for this commit (its deliveries then go with it).
  // KEY SHARE keeps that true should the order ever change.
  const endpoints = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM webhook_endpoints WHERE active AND ${family} = ANY(events) ORDER BY id FOR KEY SHARE`;
  if (!endpoints.length) return 0;
  const event = await tx.auditEvent.findUnique({ where: { id: eventId } });
  if (!event) return 0;
  const payload = (await buildWebhookPayload(tx, event, family)) as unknown as Prisma.InputJsonObject;
  const { count } = await tx.webhookDelivery.createMany({
    data: endpoints.map((e) => ({
      endpointId: e.id, auditEventId: event.id, event: event.action, entityKey: `${event.entityType}:${event.entityId}`,
      payload, nextAttemptAt: now, createdAt: now,
    })),
    skipDuplicates: true,
  });
  // Sent as soon as the change commits (the runner's next poll); a job that finds nothing due is cheap.
  if (count) await enqueueJob(WEBHOOK_SEND_JOB, {}, { runAt: now }, tx);
  return count;
}
