import { withdrawSchema } from '@/lib/schemas/approvals';
import { apiRoute, readJson } from '@/server/api/handler';
import { withdrawRequest } from '@/server/approvals/mutations';
import { otherMethods } from '@/server/api/not-allowed';

// The requester takes a pending request back: 200 { approval }. 403 for someone else's request;
// 409 when already decided. Needs the permission that asked for the move.
export const POST = apiRoute<{ id: string }>('approvals.read', async ({ request, actor, params }) => {
  const input = await readJson(request, withdrawSchema);
  return withdrawRequest(actor, params.id.slice(0, 64), input);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
