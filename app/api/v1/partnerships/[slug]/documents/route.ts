import { apiRoute, requireSameOrigin } from '@/server/api/handler';
import { pathSlug, uploadDocumentResponse } from '@/server/documents/upload';

// docs/api.md. A partnership's own documents: multipart, field "file", optional "supersedes".
// proxy.ts does not run here (it would buffer the body), so the origin is checked here.
export const POST = apiRoute<{ slug: string }>('documents.upload', ({ request, actor, params }) => {
  requireSameOrigin(request);
  return uploadDocumentResponse(actor, { partnershipSlug: pathSlug(params.slug) }, request);
});
