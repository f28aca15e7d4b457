import { apiRoute } from '@/server/api/handler';
import { NotFoundError } from '@/server/errors';
import { deleteSubscription } from '@/server/subscriptions/mutations';
import { findSubscriptions } from '@/server/subscriptions/queries';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md. One of the caller's subscriptions; someone else's is a 404.
export const GET = apiRoute<{ id: string }>('subscriptions.manage', async ({ actor, params }) => {
  const found = (await findSubscriptions(actor.userId ?? '')).find((s) => s.id === params.id.slice(0, 64));
  if (!found) throw new NotFoundError('No subscription of yours with that id.');
  return found;
});

export const DELETE = apiRoute<{ id: string }>('subscriptions.manage', async ({ actor, params }) => deleteSubscription(actor, params.id.slice(0, 64)));

export const { POST, PUT, PATCH, OPTIONS } = otherMethods(['GET', 'DELETE']);
