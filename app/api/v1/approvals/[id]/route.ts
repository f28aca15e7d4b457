import { apiRoute } from '@/server/api/handler';
import { findApproval } from '@/server/approvals/queries';
import { otherMethods } from '@/server/api/not-allowed';

// One approval request: { approval }; 404 for an unknown id.
export const GET = apiRoute<{ id: string }>('approvals.read', async ({ params }) => ({ approval: await findApproval(params.id.slice(0, 64)) }));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
