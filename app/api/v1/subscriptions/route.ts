import { NextResponse } from 'next/server';
import { createSubscriptionSchema } from '@/lib/schemas/subscriptions';
import { apiRoute, readJson } from '@/server/api/handler';
import { createSubscription } from '@/server/subscriptions/mutations';
import { findSubscriptions } from '@/server/subscriptions/queries';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md. The caller's own mail subscriptions: digests and scheduled exports.
export const GET = apiRoute('subscriptions.manage', async ({ actor }) => ({ subscriptions: await findSubscriptions(actor.userId ?? '') }));

export const POST = apiRoute('subscriptions.manage', async ({ request, actor }) => {
  const input = await readJson(request, createSubscriptionSchema, 10_000);
  const created = await createSubscription(actor, input);
  return NextResponse.json(created, { status: 201, headers: { Location: `/api/v1/subscriptions/${created.id}`, 'Cache-Control': 'no-store' } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST']);
