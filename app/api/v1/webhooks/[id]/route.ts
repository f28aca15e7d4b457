import { updateWebhookSchema } from '@/lib/schemas/webhooks';
import { apiRoute, readJson } from '@/server/api/handler';
import { NotFoundError } from '@/server/errors';
import { deleteWebhook, updateWebhook } from '@/server/webhooks/mutations';
import { findWebhook } from '@/server/webhooks/queries';
import { otherMethods } from '@/server/api/not-allowed';

type Params = { id: string };

export const GET = apiRoute<Params>('webhooks.manage', async ({ params }) => {
  const webhook = await findWebhook(params.id.slice(0, 64));
  if (!webhook) throw new NotFoundError('No webhook with that id.');
  return webhook;
});

// { "url"?, "events"?, "description"?, "allowPrivate"?, "active"?, "version"? }: "active": false
// disables it, true enables it again (its pending deliveries of the last day are then sent).
export const PATCH = apiRoute<Params>('webhooks.manage', async ({ request, actor, params }) => {
  const input = await readJson(request, updateWebhookSchema, 20_000);
  return updateWebhook(actor, params.id.slice(0, 64), input);
});

// Deletes the endpoint and its delivery log: 200 { id, deleted: true }.
export const DELETE = apiRoute<Params>('webhooks.manage', async ({ actor, params }) => {
  const { id } = await deleteWebhook(actor, params.id.slice(0, 64));
  return { id, deleted: true };
});

export const { POST, PUT, OPTIONS } = otherMethods(['GET', 'PATCH', 'DELETE']);
