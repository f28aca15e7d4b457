import { NextResponse } from 'next/server';
import { createWebhookSchema } from '@/lib/schemas/webhooks';
import { apiRoute, readJson } from '@/server/api/handler';
import { createWebhook } from '@/server/webhooks/mutations';
import { findWebhooks } from '@/server/webhooks/queries';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md, "Webhooks". Administrators only (webhooks.manage). Lists show a hint of each
// secret (its last four characters), never the secret.
export const GET = apiRoute('webhooks.manage', async () => ({ webhooks: await findWebhooks() }));

// { "url", "events": ["milestone", …], "description"?, "allowPrivate"? } → 201 with the webhook and
// its signing `secret`; 422 for an address refused (not https, a private address, no such host…).
export const POST = apiRoute('webhooks.manage', async ({ request, actor }) => {
  const input = await readJson(request, createWebhookSchema, 20_000);
  const webhook = await createWebhook(actor, input);
  return NextResponse.json(webhook, { status: 201, headers: { Location: `/api/v1/webhooks/${webhook.id}`, 'Cache-Control': 'no-store' } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST']);
