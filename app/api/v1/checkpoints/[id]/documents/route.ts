import { apiRoute } from '@/server/api/handler';
import { pathId, uploadDocumentResponse } from '@/server/documents/upload';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md. Evidence on a checkpoint: multipart, field "file", optional "expiresOn" and "supersedes".
// proxy.ts does not run here (it would buffer the body and cut it at 10 MB); apiRoute makes its checks.
export const POST = apiRoute<{ id: string }>('documents.upload', ({ request, actor, params }) =>
  uploadDocumentResponse(actor, { checkpointId: pathId(params.id, 'checkpoint') }, request));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
