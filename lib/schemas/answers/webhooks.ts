import { z } from 'zod';
import { DELIVERY_STATES } from '@/lib/schemas/webhooks';
import { WEBHOOK_EVENTS } from '@/lib/webhook-events';
import { answers, id, instant } from './common';

// Answers of the webhooks API (docs/api.md, "Webhooks"). See ./common.ts.

const state = z.enum(DELIVERY_STATES);
const webhookShape = {
  id, url: z.string(), host: z.string(), description: z.string(), events: z.array(z.enum(WEBHOOK_EVENTS)), allowPrivate: z.boolean(),
  active: z.boolean(), disabledAt: instant.nullable(), disabledReason: z.string().nullable(),
  secretHint: z.string().describe('`…` and the secret’s last four characters.'), consecutiveFailures: z.number().int(),
  pending: z.number().int(), lastDelivery: z.object({ state, status: z.number().int().nullable(), at: instant, error: z.string().nullable() }).nullable(),
  createdAt: instant, updatedAt: instant, version: z.number().int(),
};
export const webhook = z.object(webhookShape).register(answers, { id: 'Webhook' });
export const webhookCreated = z.object({ ...webhookShape, secret: z.string().describe('The signing secret (`whsec_…`): never in lists.') });
export const webhookList = z.object({ webhooks: z.array(webhook) });

export const deliveryList = z.object({
  deliveries: z.array(z.object({
    id, event: z.string(), eventId: z.string().nullable(), entity: z.object({ type: z.string(), id: z.string() }),
    partnership: z.object({ slug: z.string(), name: z.string() }).nullable(), state, attempts: z.number().int(),
    lastStatus: z.number().int().nullable(), lastDurationMs: z.number().int().nullable(), lastError: z.string().nullable(),
    createdAt: instant, deliveredAt: instant.nullable(), nextAttemptAt: instant.nullable(),
    log: z.array(z.object({ at: instant, status: z.number().int().nullable(), durationMs: z.number().int(), error: z.string().nullable() })),
  })),
  next: z.string().nullable(),
});
export const redelivery = z.object({
  deliveryId: id, host: z.string(), ok: z.boolean(), status: z.number().int().nullable(), durationMs: z.number().int(), error: z.string().nullable(),
});
