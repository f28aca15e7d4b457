import 'server-only';
import { createHash } from 'node:crypto';
import { downloadFileName, DOCUMENT_CHUNK_BYTES } from '@/lib/documents';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { literal } from '@/server/db/copy';
import { transactionWithDriver } from '@/server/db/driver-transaction';
import { DocumentIntegrityError, NotFoundError } from '@/server/errors';
import { openSpool, type Spool } from './spool';

/**
 * GET /api/v1/documents/{id}/content. The stored bytes are checked against the SHA-256 taken at
 * upload BEFORE the first byte is sent: a file changed in the database is refused whole (a JSON
 * 500 saying why, an audit row, a log line), never sent half-way and then cut.
 *
 * How, with flat memory: the schema keeps one SHA-256 per file, not per chunk, so the whole file
 * must be hashed before answering. The chunks are read one at a time (1 MiB in hand) into an
 * unlinked scratch file (spool.ts) while hashing; when the hash matches, the answer streams from
 * that file. What is sent is exactly what was verified (reading the database twice could not
 * promise that), and the database connection is free before a slow client starts receiving.
 */
export async function documentContentResponse(actor: Actor, id: string): Promise<Response> {
  const doc = await db.document.findFirst({ where: { id, deletedAt: null }, select: { id: true, fileName: true, contentType: true, sizeBytes: true, sha256: true, partnershipId: true } });
  if (!doc) throw new NotFoundError('No document with that id.');
  const spool = await openSpool();
  try {
    const problem = await copyVerified(doc, spool);
    if (problem) {
      await refuseTampered(actor, doc, problem);
      throw new DocumentIntegrityError(
        `"${doc.fileName}" was not sent: its stored bytes no longer match the SHA-256 fingerprint taken when it was uploaded (${problem}), so it may have been altered in the database. The refusal is in the audit trail; upload the file again or restore a backup.`,
      );
    }
  } catch (error) {
    await spool.close();
    throw error;
  }
  const body = spool.stream(DOCUMENT_CHUNK_BYTES / 4, true);
  const text = doc.contentType.startsWith('text/');
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': text ? `${doc.contentType}; charset=utf-8` : doc.contentType,
      'Content-Length': String(doc.sizeBytes),
      'Content-Disposition': contentDisposition(downloadFileName(doc.fileName, doc.contentType)),
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
      ETag: `"${doc.sha256}"`,
    },
  });
}

type Stored = { id: string; sizeBytes: number; sha256: string };

/**
 * Copies the chunks into the spool while hashing; returns what is wrong with them, or null. One
 * read-only transaction (one snapshot, one connection), the chunks read through the driver
 * directly: through Prisma each 1 MiB chunk left ~4 MB of heap behind (driver-transaction.ts).
 */
async function copyVerified(doc: Stored, spool: Spool): Promise<string | null> {
  return transactionWithDriver(
    async (_tx, driver) => {
      // The layout first, without the bytes (octet_length does not read a TOASTed value).
      const layout = await driver.query<{ seq: number; length: number }>(
        `SELECT seq, octet_length(bytes) AS length FROM document_chunks WHERE "documentId" = $1 ORDER BY seq`, [doc.id]);
      const expected = Math.ceil(doc.sizeBytes / DOCUMENT_CHUNK_BYTES);
      if (layout.length !== expected || layout.some((c, i) => Number(c.seq) !== i)) return `${layout.length} of ${expected} chunks present`;
      const total = layout.reduce((sum, c) => sum + Number(c.length), 0);
      if (total !== doc.sizeBytes) return `${total} bytes stored, ${doc.sizeBytes} uploaded`;
      const hash = createHash('sha256');
      const keep = async (bytes: Buffer) => {
        hash.update(bytes);
        await spool.write(bytes);
      };
      // Every chunk as bytes, through a binary COPY (server/db/copy-binary.ts): read as text, a 25 MB
      // file left ~33 MB of base64 strings on the heap until a full collection (bench/results/notes.md,
      // "Export and document memory"). PostgreSQL streams one COPY of them all; the embedded engine's
      // COPY lands in memory whole, so there each chunk is a COPY of its own (1 MiB in hand).
      const select = `SELECT bytes FROM document_chunks WHERE "documentId" = ${literal(doc.id)}`;
      const selects = driver.copyStreams ? [`${select} ORDER BY seq`] : layout.map((c) => `${select} AND seq = ${Number(c.seq)}`);
      let read = 0;
      for (const one of selects) read += await driver.copyValues(one, keep);
      if (read !== expected) return `${read} of ${expected} chunks present`;
      const found = hash.digest('hex');
      return found === doc.sha256 ? null : `SHA-256 is now ${found.slice(0, 12)}…, was ${doc.sha256.slice(0, 12)}…`;
    },
    { timeout: 120_000, maxWait: 20_000 },
  );
}

async function refuseTampered(actor: Actor, doc: Stored & { fileName: string; partnershipId: string }, problem: string) {
  console.error(`[accord] document ${doc.id} ("${doc.fileName}") refused on download: ${problem}`);
  await db.$transaction((tx) =>
    recordAudit(tx, actor, {
      entityType: 'Document', entityId: doc.id, action: 'document.integrity-failed', partnershipId: doc.partnershipId,
      context: { file: doc.fileName, reason: problem, sha256: doc.sha256 },
    }),
  );
}

/**
 * `attachment` with the name twice (RFC 6266 §4.3): an ASCII `filename` for old clients, and the
 * exact name as RFC 8187 (formerly 5987) `filename*=UTF-8''…` percent-encoding, which wins where
 * understood. Quotes, backslashes and control characters never reach the header.
 */
export function contentDisposition(name: string): string {
  const ascii = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/[^\x20-\x7e]|["\\%]/g, '_').trim() || 'document';
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
