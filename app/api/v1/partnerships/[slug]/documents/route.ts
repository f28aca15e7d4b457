import { apiRoute } from '@/server/api/handler';
import { pathSlug, uploadDocumentResponse } from '@/server/documents/upload';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md. A partnership's own documents: multipart, field "file", optional "supersedes".
// proxy.ts does not run here (it would buffer the body and cut it at 10 MB); apiRoute makes its checks.
export const POST = apiRoute<{ slug: string }>('documents.upload', ({ request, actor, params }) =>
  uploadDocumentResponse(actor, { partnershipSlug: pathSlug(params.slug) }, request));

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
