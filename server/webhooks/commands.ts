import 'server-only';
import { z } from 'zod';
import { createWebhookSchema, redeliverSchema, updateWebhookSchema, webhookIdSchema } from '@/lib/schemas/webhooks';
import { defineCommand } from '@/server/actions/define';
import { createWebhook, deleteWebhook, redeliverWebhook, rotateWebhookSecret, updateWebhook } from './mutations';

// The forms of /admin/webhooks and /admin/webhooks/<id>. The same schemas as the API
// (/api/v1/webhooks, /api/v1/webhooks/<id>, …/deliveries/<deliveryId>/redeliver).

export const createWebhookCommand = defineCommand({
  permission: 'webhooks.manage',
  schema: createWebhookSchema,
  run: (actor, input) => createWebhook(actor, input),
  success: (r) => `Registered the webhook to ${r.host}. Give the receiver its signing secret (below, and on the webhook’s page).`,
});

/**
 * The edit form always shows its event and "Allow a private address" boxes, so an unticked box
 * (absent) means no; the enable and disable buttons send `active` alone. The API's PATCH leaves an
 * absent field as it is.
 */
const editForm = (raw: unknown) => {
  const r = (raw ?? {}) as Record<string, unknown>;
  if (r.form !== 'edit') return r;
  return { id: r.id, version: r.version, url: r.url, description: r.description, events: r.events ?? [], allowPrivate: r.allowPrivate ?? 'off' };
};

export const updateWebhookCommand = defineCommand({
  permission: 'webhooks.manage',
  schema: z.preprocess(editForm, z.object({ ...webhookIdSchema.shape, ...updateWebhookSchema.shape })),
  run: (actor, { id, ...input }) => updateWebhook(actor, id, input),
  success: (r) => (r.active ? `Saved the webhook to ${r.host}; it is active.` : `Saved the webhook to ${r.host}; it is disabled, so nothing is sent to it.`),
});

export const rotateWebhookSecretCommand = defineCommand({
  permission: 'webhooks.manage',
  schema: webhookIdSchema,
  run: (actor, { id }) => rotateWebhookSecret(actor, id),
  success: (r) => `New signing secret for ${r.host}: deliveries are signed with it from now on, so give it to the receiver.`,
});

export const deleteWebhookCommand = defineCommand({
  permission: 'webhooks.manage',
  schema: webhookIdSchema,
  run: (actor, { id }) => deleteWebhook(actor, id),
  success: (r) => `Deleted the webhook to ${r.host} and its delivery log.`,
});

export const redeliverWebhookCommand = defineCommand({
  permission: 'webhooks.manage',
  schema: redeliverSchema,
  run: (actor, { id, deliveryId }) => redeliverWebhook(actor, id, deliveryId),
  success: (r) => (r.ok
    ? `Redelivered to ${r.host}: it answered ${r.status} in ${r.durationMs.toLocaleString('en-US')} ms.`
    : `Redelivered to ${r.host}, and it failed again: ${r.error ?? 'no answer'}`),
});
