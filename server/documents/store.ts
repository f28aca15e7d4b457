import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { dayToDate, todayIn } from '@/lib/dates';
import { DOCUMENT_CHUNK_BYTES } from '@/lib/documents';
import type { DocumentUploadFields } from '@/lib/schemas/documents';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { transactionWithDriver } from '@/server/db/driver-transaction';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { refreshEvidenceExpiry } from './evidence';
import { DOCUMENT_SELECT, toDocumentDto, type DocumentDto } from './queries';
import type { Spool } from './spool';

type Tx = Prisma.TransactionClient;

/** Where an upload goes: evidence on a checkpoint, or a partnership's own documents. */
export type UploadTarget = { checkpointId: string } | { partnershipSlug: string };
type Resolved = { partnershipId: string; checkpointId: string | null };

/** A received, sniffed file waiting in its spool. */
export type IncomingDocument = { spool: Spool; sizeBytes: number; sha256: string; contentType: string; fileName: string };

/**
 * The checkpoint or partnership an upload is for; 404 when there is none. Asked before the body is
 * read (no one waits for 25 MB to learn the address was wrong), and again, locked, in the write.
 */
export async function resolveUploadTarget(target: UploadTarget, tx: Tx = db, lock = false): Promise<Resolved> {
  if ('checkpointId' in target) {
    const [row] = lock
      ? await tx.$queryRaw<Resolved[]>`SELECT id AS "checkpointId", "partnershipId" FROM regulatory_checkpoints WHERE id = ${target.checkpointId} FOR UPDATE`
      : await tx.$queryRaw<Resolved[]>`SELECT id AS "checkpointId", "partnershipId" FROM regulatory_checkpoints WHERE id = ${target.checkpointId}`;
    if (!row) throw new NotFoundError('No checkpoint with that id.');
    return row;
  }
  const p = await tx.partnership.findUnique({ where: { slug: target.partnershipSlug }, select: { id: true } });
  if (!p) throw new NotFoundError(`No partnership "${target.partnershipSlug}".`);
  return { partnershipId: p.id, checkpointId: null };
}

/**
 * Stores an upload: the `documents` row, its bytes as `document_chunks` (1 MiB each, `seq` from 0,
 * read from the spool one at a time), the superseded version's stamp, the audit row and, for
 * evidence, the checkpoint's expiry, all in ONE transaction. A crash or error at any point leaves
 * no row and no chunk (docs/decisions/007-documents.md). `onChunk` lets a test kill the process
 * mid-write.
 */
export async function storeDocument(
  actor: Actor,
  target: UploadTarget,
  file: IncomingDocument,
  fields: DocumentUploadFields,
  onChunk?: (seq: number) => void,
): Promise<DocumentDto> {
  const today = todayIn('UTC');
  const uploadedById = actor.userId;
  if (!uploadedById) throw new ForbiddenError('A document is uploaded by a person (signed in, or with their API token), who is named beside it.');
  return transactionWithDriver(
    async (tx, driver) => {
      const where = await resolveUploadTarget(target, tx, true);
      if (fields.expiresOn && !where.checkpointId) {
        throw new ValidationError('Only evidence on a checkpoint has an expiry date.', { expiresOn: ['Partnership documents do not expire; leave it out.'] });
      }
      const previous = fields.supersedes ? await currentVersion(tx, where, fields.supersedes) : null;
      const created = await tx.document.create({
        data: {
          partnershipId: where.partnershipId, checkpointId: where.checkpointId, fileName: file.fileName, contentType: file.contentType,
          sizeBytes: file.sizeBytes, sha256: file.sha256, expiresOn: fields.expiresOn ? dayToDate(fields.expiresOn) : null,
          seriesId: previous?.seriesId ?? '', versionNumber: (previous?.versionNumber ?? 0) + 1, uploadedById,
        },
        select: { id: true },
      });
      // A first version starts its own series: the series is named by the first version's id.
      if (!previous) await tx.document.update({ where: { id: created.id }, data: { seriesId: created.id }, select: { id: true } });
      const buffer = Buffer.allocUnsafe(Math.min(DOCUMENT_CHUNK_BYTES, file.sizeBytes)); // one, reused for every chunk
      for (let seq = 0; seq * DOCUMENT_CHUNK_BYTES < file.sizeBytes; seq += 1) {
        const bytes = await file.spool.read(seq * DOCUMENT_CHUNK_BYTES, DOCUMENT_CHUNK_BYTES, buffer);
        // Straight to the driver, in this transaction: through Prisma, each chunk left ~4 MB of
        // heap behind until a full collection (server/db/driver-transaction.ts).
        await driver.insertRow('document_chunks', { documentId: { text: created.id }, seq: { int4: seq }, bytes: { bytea: bytes } });
        onChunk?.(seq);
      }
      if (previous) await tx.document.update({ where: { id: previous.id }, data: { supersededAt: new Date() }, select: { id: true } });
      const stored = toDocumentDto(await tx.document.findUniqueOrThrow({ where: { id: created.id }, select: DOCUMENT_SELECT }));
      await recordAudit(tx, actor, {
        entityType: 'Document', entityId: created.id, action: 'document.uploaded', partnershipId: where.partnershipId,
        after: {
          fileName: stored.fileName, contentType: stored.contentType, sizeBytes: stored.sizeBytes, sha256: stored.sha256,
          versionNumber: stored.versionNumber, ...(stored.expiresOn ? { expiresOn: stored.expiresOn } : {}),
        },
        context: previous ? { supersedes: previous.fileName } : null,
      });
      if (where.checkpointId) await refreshEvidenceExpiry(tx, actor, where.checkpointId, today, { file: stored.fileName });
      return stored;
    },
    // Long enough for 25 MB on a slow disk; the body was received before, so no client holds it open.
    { timeout: 120_000, maxWait: 20_000 },
  );
}

/** The version a new upload supersedes: of the same checkpoint (or the partnership's own), and still current. */
async function currentVersion(tx: Tx, where: Resolved, id: string) {
  // Locked: of two uploads superseding the same version at once, the second sees the first's stamp.
  const [row] = await tx.$queryRaw<{ id: string; seriesId: string; versionNumber: number; fileName: string; supersededAt: Date | null; checkpointId: string | null; partnershipId: string }[]>`
    SELECT id, "seriesId", "versionNumber", "fileName", "supersededAt", "checkpointId", "partnershipId"
    FROM documents WHERE id = ${id} AND "deletedAt" IS NULL FOR UPDATE`;
  const sameHome = row && row.partnershipId === where.partnershipId && row.checkpointId === where.checkpointId;
  if (!row || !sameHome) {
    const home = where.checkpointId ? 'this checkpoint' : 'this partnership (outside its checkpoints)';
    throw new ValidationError(`"supersedes" must name a document of ${home}.`, { supersedes: ['No such document here.'] });
  }
  if (row.supersededAt) {
    const current = await tx.document.findFirst({ where: { seriesId: row.seriesId, supersededAt: null, deletedAt: null }, select: DOCUMENT_SELECT });
    throw new ConflictError(
      `Version ${row.versionNumber} of "${row.fileName}" has already been superseded${current ? ` by version ${current.versionNumber} ("${current.fileName}", uploaded by ${current.uploadedBy.name})` : ''}. Upload against the current version.`,
      current ? toDocumentDto(current) : undefined,
    );
  }
  return row;
}
