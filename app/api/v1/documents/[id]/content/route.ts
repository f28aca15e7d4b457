import { apiRoute } from '@/server/api/handler';
import { documentContentResponse } from '@/server/documents/content';
import { pathId } from '@/server/documents/upload';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md. The bytes, verified against their SHA-256 before the first one is sent.
export const GET = apiRoute<{ id: string }>('partnerships.read', ({ actor, params }) => documentContentResponse(actor, pathId(params.id, 'document')));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
