import { approveSchema } from '@/lib/schemas/approvals';
import { apiRoute, readJson } from '@/server/api/handler';
import { approveRequest } from '@/server/approvals/mutations';
import { otherMethods } from '@/server/api/not-allowed';

// Approve and move, in one transaction: 200 { approval, rollout | partnership }. 403 for one's own
// request (even an administrator's); 409 when already decided (naming by whom) or on a stale
// `version`; 422 with `blockers` when a gate closed meanwhile (the request stays pending).
export const POST = apiRoute<{ id: string }>('approvals.decide', async ({ request, actor, params }) => {
  const input = await readJson(request, approveSchema);
  return approveRequest(actor, params.id.slice(0, 64), input);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
