import { apiRoute, requireSameOrigin } from '@/server/api/handler';
import { pathId, uploadDocumentResponse } from '@/server/documents/upload';

// docs/api.md. Evidence on a checkpoint: multipart, field "file", optional "expiresOn" and "supersedes".
// proxy.ts does not run here (it would buffer the body), so the origin is checked here.
export const POST = apiRoute<{ id: string }>('documents.upload', ({ request, actor, params }) => {
  requireSameOrigin(request);
  return uploadDocumentResponse(actor, { checkpointId: pathId(params.id, 'checkpoint') }, request);
});
