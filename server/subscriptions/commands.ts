import 'server-only';
import { createSubscriptionSchema, subscriptionIdSchema } from '@/lib/schemas/subscriptions';
import { defineCommand } from '@/server/actions/define';
import { createSubscription, deleteSubscription, sendSubscriptionNow } from './mutations';

// The mail page (/settings/mail). The same schemas as /api/v1/subscriptions.

export const createSubscriptionCommand = defineCommand({
  permission: 'subscriptions.manage',
  schema: createSubscriptionSchema,
  run: (actor, input) => createSubscription(actor, input),
  success: (s) => `Subscribed: ${s.schedule}.`,
});

export const deleteSubscriptionCommand = defineCommand({
  permission: 'subscriptions.manage',
  schema: subscriptionIdSchema,
  run: (actor, { id }) => deleteSubscription(actor, id),
  success: () => 'Subscription removed.',
});

export const sendSubscriptionNowCommand = defineCommand({
  permission: 'subscriptions.manage',
  schema: subscriptionIdSchema,
  run: (actor, { id }) => sendSubscriptionNow(actor, id),
  success: (r) => (r.queued ? 'On its way: it will be in the list below within seconds.' : 'Already on its way.'),
});
