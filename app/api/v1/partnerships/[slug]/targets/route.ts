import { apiRoute } from '@/server/api/handler';
import { getTargetsResponse, putTargetsResponse } from '@/server/targets/api';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md, "Targets". Monthly figures; PUT spreads each over its days (lib/rules/targets.ts).
export const GET = apiRoute<{ slug: string }>('partnerships.read', ({ request, actor, params }) => getTargetsResponse(actor, params.slug.slice(0, 200), request));
export const PUT = apiRoute<{ slug: string }>('targets.update', ({ request, actor, params }) => putTargetsResponse(actor, params.slug.slice(0, 200), request));

export const { POST, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'PUT']);
