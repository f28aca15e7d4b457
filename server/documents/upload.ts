import 'server-only';
import { documentFileNameSchema, documentUploadFieldsSchema } from '@/lib/schemas/documents';
import { validationError } from '@/server/actions/define';
import type { Actor } from '@/server/auth/actor';
import { NotFoundError, ValidationError } from '@/server/errors';
import { receiveUpload } from './receive';
import { sniffDocumentType } from './sniff';
import { resolveUploadTarget, storeDocument, type UploadTarget } from './store';

/**
 * POST /api/v1/checkpoints/{id}/documents and /api/v1/partnerships/{slug}/documents (docs/api.md):
 * the target must exist (404 before the body is read), the body is received into a spool (413 past
 * 25 MB), the fields and name are checked (422), the type sniffed (415), then the file is stored in
 * one transaction. 201 with the document's metadata and its address.
 */
export async function uploadDocumentResponse(actor: Actor, target: UploadTarget, request: Request, onChunk?: (seq: number) => void): Promise<Response> {
  await resolveUploadTarget(target);
  const received = await receiveUpload(request);
  try {
    const fields = documentUploadFieldsSchema.safeParse(received.fields);
    if (!fields.success) throw validationError(fields.error);
    const name = documentFileNameSchema.safeParse(received.rawFileName);
    if (!name.success) throw new ValidationError(name.error.issues[0]!.message, { file: name.error.issues.map((i) => i.message) });
    const contentType = await sniffDocumentType({ ...received, fileName: name.data });
    const stored = await storeDocument(actor, target, { ...received, contentType, fileName: name.data }, fields.data, onChunk);
    return Response.json(stored, { status: 201, headers: { Location: `/api/v1/documents/${stored.id}`, 'Cache-Control': 'no-store' } });
  } finally {
    await received.spool.close();
  }
}

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** An id or slug from the address, checked before any query: anything else names nothing (404). */
export function pathId(value: string, noun: 'checkpoint' | 'document'): string {
  if (!ID.test(value)) throw new NotFoundError(`No ${noun} with that id.`);
  return value;
}

export function pathSlug(value: string): string {
  if (value.length > 200 || !SLUG.test(value)) throw new NotFoundError(`No partnership "${value.replace(/[^\x20-\x7e]/g, '?').slice(0, 80)}".`);
  return value;
}
