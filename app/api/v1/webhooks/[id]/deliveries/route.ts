import { deliveryListSchema } from '@/lib/schemas/webhooks';
import { validationError } from '@/server/actions/define';
import { apiRoute } from '@/server/api/handler';
import { findDeliveries } from '@/server/webhooks/queries';
import { otherMethods } from '@/server/api/not-allowed';

// Newest first, each with its attempts (status, duration, error): ?state=pending|succeeded|failed,
// ?limit= (1–100, default 50), ?before=<the last delivery id of the page before>. { deliveries, next }.
export const GET = apiRoute<{ id: string }>('webhooks.manage', async ({ request, params }) => {
  const parsed = deliveryListSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  return findDeliveries(params.id.slice(0, 64), parsed.data);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
