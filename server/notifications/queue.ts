import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { WEBHOOK_ACTIONS } from '@/lib/webhook-events';
import { enqueueJob } from '@/server/jobs/queue';
import { queueWebhookDeliveries } from '@/server/webhooks/fanout';

/**
 * The audit actions people hear about in their inbox (issue 16). The audit trail is the one record
 * of every change, so the inbox reads from it: recordAudit queues a fan-out job for these in the
 * transaction of the change itself, so a change that rolls back never notifies anyone
 * (server/notifications/fanout.ts turns the event into inbox lines).
 */
export const NOTIFYING = /^(partnership\.(updated|stage_moved)|milestone\.(created|updated|deleted|restored)|checkpoint\.(created|updated|deleted)|rollout\.(created|updated|deleted|gates-changed|flagged|flag-cleared)|note\.(created|edited)|document\.uploaded|metrics\.imported|targets\.imported)$/;

export const FANOUT_JOB = 'notifications.fanout';

/**
 * Queues the fan-out of audit event `eventId` when its action is one people hear about, and writes
 * its webhook deliveries when an endpoint subscribes to its family (WEBHOOK_ACTIONS; written here,
 * in the change's transaction, so that one thing's deliveries keep the order of its changes:
 * docs/decisions/016-webhooks.md).
 */
export async function queueFanout(tx: Prisma.TransactionClient, action: string, eventId: bigint): Promise<void> {
  if (NOTIFYING.test(action)) await enqueueJob(FANOUT_JOB, { eventId: eventId.toString() }, {}, tx);
  if (WEBHOOK_ACTIONS.test(action)) await queueWebhookDeliveries(tx, action, eventId);
}
