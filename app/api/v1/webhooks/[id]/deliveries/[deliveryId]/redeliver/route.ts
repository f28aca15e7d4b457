import { apiRoute } from '@/server/api/handler';
import { redeliverWebhook } from '@/server/webhooks/mutations';
import { otherMethods } from '@/server/api/not-allowed';

// Sends a succeeded or failed delivery once more, now, and answers with that attempt:
// { deliveryId, host, ok, status, durationMs, error }. 409 while it is still being retried, or when
// the webhook is disabled.
export const POST = apiRoute<{ id: string; deliveryId: string }>('webhooks.manage', async ({ actor, params }) =>
  redeliverWebhook(actor, params.id.slice(0, 64), params.deliveryId.slice(0, 64)));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
