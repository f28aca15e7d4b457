import { rejectSchema } from '@/lib/schemas/approvals';
import { apiRoute, readJson } from '@/server/api/handler';
import { rejectRequest } from '@/server/approvals/mutations';
import { otherMethods } from '@/server/api/not-allowed';

// Reject with a comment (required): 200 { approval }. 403 for one's own request (withdraw it
// instead); 409 when already decided; 422 without a comment.
export const POST = apiRoute<{ id: string }>('approvals.decide', async ({ request, actor, params }) => {
  const input = await readJson(request, rejectSchema);
  return rejectRequest(actor, params.id.slice(0, 64), input);
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
