import { apiRoute } from '@/server/api/handler';
import { getFieldPoliciesResponse, putFieldPoliciesResponse } from '@/server/field-policies/api';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md, "Confidential fields". Which fields of the record are confidential on this deal (issue 17).
export const GET = apiRoute<{ slug: string }>('partnerships.update', ({ params }) => getFieldPoliciesResponse(params.slug.slice(0, 200)));
export const PUT = apiRoute<{ slug: string }>('partnerships.update', ({ request, actor, params }) => putFieldPoliciesResponse(actor, params.slug.slice(0, 200), request));

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'PUT']);
