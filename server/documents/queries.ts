import 'server-only';
import { dateToDay, type IsoDay } from '@/lib/dates';
import { keptWhile } from '@/server/cache/versioned';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

/** One stored file as the UI and the API show it (no bytes). */
export type DocumentDto = {
  id: string;
  fileName: string;
  /** Sniffed from the bytes at upload. */
  contentType: string;
  sizeBytes: number;
  sha256: string;
  /** Evidence only: the day the evidence stops counting. */
  expiresOn: IsoDay | null;
  versionNumber: number;
  /** The first version's id; every version of one document shares it. */
  seriesId: string;
  superseded: boolean;
  supersededAt: string | null;
  uploadedBy: string;
  createdAt: string;
  partnershipSlug: string;
  checkpointId: string | null;
};

export const DOCUMENT_SELECT = {
  id: true, fileName: true, contentType: true, sizeBytes: true, sha256: true, expiresOn: true, versionNumber: true, seriesId: true,
  supersededAt: true, createdAt: true, checkpointId: true, uploadedBy: { select: { name: true } }, partnership: { select: { slug: true } },
} as const;

type Row = {
  id: string; fileName: string; contentType: string; sizeBytes: number; sha256: string; expiresOn: Date | null; versionNumber: number; seriesId: string;
  supersededAt: Date | null; createdAt: Date; checkpointId: string | null; uploadedBy: { name: string }; partnership: { slug: string };
};

export function toDocumentDto(d: Row): DocumentDto {
  return {
    id: d.id, fileName: d.fileName, contentType: d.contentType, sizeBytes: d.sizeBytes, sha256: d.sha256,
    expiresOn: d.expiresOn ? dateToDay(d.expiresOn) : null, versionNumber: d.versionNumber, seriesId: d.seriesId,
    superseded: d.supersededAt !== null, supersededAt: d.supersededAt?.toISOString() ?? null, uploadedBy: d.uploadedBy.name,
    createdAt: d.createdAt.toISOString(), partnershipSlug: d.partnership.slug, checkpointId: d.checkpointId,
  };
}

// Newest first; the versions of one document together, the current one on top.
const ORDER = [{ createdAt: 'desc' as const }, { versionNumber: 'desc' as const }];

/** The evidence filed on a checkpoint, every version (superseded ones flagged). */
export async function findCheckpointDocuments(checkpointId: string): Promise<DocumentDto[]> {
  const rows = await db.document.findMany({ where: { checkpointId, deletedAt: null }, orderBy: ORDER, select: DOCUMENT_SELECT });
  return rows.map(toDocumentDto);
}

/**
 * A partnership's own documents (term sheet, contract), every version; with `evidence: true` the
 * evidence on its checkpoints too (`checkpointId` says where each belongs).
 */
export async function findPartnershipDocuments(slug: string, options: { evidence?: boolean } = {}): Promise<readonly DocumentDto[]> {
  const p = await db.partnership.findUnique({ where: { slug }, select: { id: true } });
  if (!p) throw new NotFoundError(`No partnership "${slug}".`);
  return findDocumentsOf(p.id, options);
}

/** The same by the partnership's id: the dashboard has it already, so no second lookup by slug. */
export async function findDocumentsOf(partnershipId: string, options: { evidence?: boolean } = {}): Promise<readonly DocumentDto[]> {
  return keptDocumentsOf(partnershipId, options.evidence === true);
}

// Kept while the data is unchanged (decision 011): the dashboard lists them on every view, and a
// document's row bumps the content version when it is uploaded, superseded or deleted.
const keptDocumentsOf = keptWhile('content', 256, async (partnershipId: string, evidence: boolean) => {
  const rows = await db.document.findMany({
    where: { partnershipId, deletedAt: null, ...(evidence ? {} : { checkpointId: null }) },
    orderBy: ORDER,
    select: DOCUMENT_SELECT,
  });
  return rows.map(toDocumentDto);
});

/** One document's metadata; 404 for an unknown or deleted one. */
export async function findDocument(id: string): Promise<DocumentDto> {
  const row = await db.document.findFirst({ where: { id, deletedAt: null }, select: DOCUMENT_SELECT });
  if (!row) throw new NotFoundError('No document with that id.');
  return toDocumentDto(row);
}
