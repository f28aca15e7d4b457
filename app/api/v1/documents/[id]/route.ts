import { apiRoute } from '@/server/api/handler';
import { findDocument } from '@/server/documents/queries';
import { pathId } from '@/server/documents/upload';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md. A document's metadata (no bytes).
export const GET = apiRoute<{ id: string }>('partnerships.read', ({ params }) => findDocument(pathId(params.id, 'document')));

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
