import { apiRoute } from '@/server/api/handler';
import { getMetricPoliciesResponse, putMetricPoliciesResponse } from '@/server/metric-policies/api';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md, "Metric sharing". Which metrics partners see and which are confidential (issue 17).
export const GET = apiRoute<{ slug: string }>('partnerships.update', ({ params }) => getMetricPoliciesResponse(params.slug.slice(0, 200)));
export const PUT = apiRoute<{ slug: string }>('partnerships.update', ({ request, actor, params }) => putMetricPoliciesResponse(actor, params.slug.slice(0, 200), request));

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'PUT']);
