import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_CHUNK_BYTES } from '@/lib/documents';
import { userActor } from '@/server/auth/actor';
import { backupDatabase, restoreDatabase } from '@/server/db/backup';
import { createDatabase, installDatabase, type DatabaseHandle } from '@/server/db/client';
import type { DatabaseConfig } from '@/server/db/config';
import { documentContentResponse } from '@/server/documents/content';
import { findDocument } from '@/server/documents/queries';
import { uploadDocumentResponse } from '@/server/documents/upload';
import { createCheckpoint, createPartnership, createUser } from '@/tests/factories/builders';
import { noise, pdf } from '@/tests/support/documents';
import { migrateDataDir, openTestDatabase, testEngine } from '@/tests/support/test-database';

// Issue 15: "a document survives backup and restore byte for byte", on each engine. The bytes are
// rows of document_chunks, so `npm run db:backup` / `db:restore` (docs/decisions/005-backup.md)
// carry them with everything else; this proves it with a file holding every byte value, over
// several chunks, deleted after the backup and downloaded again after the restore.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-documents-backup-'));
let config: DatabaseConfig;
let postgres: DatabaseHandle | null = null;
let bytes: Uint8Array;
let documentId: string;
let actor: ReturnType<typeof userActor>;

/** Runs with the database installed as the app's, reopened around PGlite backups (they take its lock). */
async function withDb<T>(fn: (db: DatabaseHandle['db']) => Promise<T>): Promise<T> {
  const handle = postgres ?? createDatabase(config);
  installDatabase(handle);
  try {
    return await fn(handle.db);
  } finally {
    installDatabase(undefined);
    if (!postgres) await handle.close();
  }
}

beforeAll(async () => {
  if (testEngine() === 'postgresql') {
    postgres = await openTestDatabase();
    config = postgres.config;
  } else {
    config = { engine: 'pglite', dataDir: path.join(dir, 'data', 'pglite') };
    await migrateDataDir(config.dataDir!);
  }
  // Every byte value, then 2.3 MB that compress badly, inside a PDF: three chunks.
  const every = Uint8Array.from({ length: 256 }, (_, i) => i);
  bytes = Buffer.concat([pdf(64, 3), every, noise(2_300_000, 41), every]);
  documentId = await withDb(async (db) => {
    const user = await createUser(db, { role: 'BUSINESS_DEVELOPMENT' });
    actor = userActor(user);
    const p = await createPartnership(db, { ownerId: user.id });
    const c = await createCheckpoint(db, { partnershipId: p.id });
    const form = new FormData();
    form.append('file', new Blob([bytes as Uint8Array<ArrayBuffer>]), 'Licence — 许可证.pdf');
    const response = await uploadDocumentResponse(actor, { checkpointId: c.id }, new Request('http://accord.test/', { method: 'POST', body: form }));
    expect(response.status).toBe(201);
    return ((await response.json()) as { id: string }).id;
  });
}, 120_000);

afterAll(async () => {
  await postgres?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe(`a document in a backup (${testEngine()})`, () => {
  it('is restored byte for byte after being deleted, and downloads with its SHA-256 verified', async () => {
    const file = path.join(dir, testEngine() === 'pglite' ? 'accord.tar.gz' : 'accord.dump');
    const before = await withDb(async (db) => ({
      meta: await findDocument(documentId),
      chunks: await db.documentChunk.count({ where: { documentId } }),
    }));
    expect(before.chunks).toBe(Math.ceil(bytes.length / DOCUMENT_CHUNK_BYTES));
    await backupDatabase(config, file);

    await withDb((db) => db.document.delete({ where: { id: documentId } }));
    expect(await withDb((db) => db.documentChunk.count({ where: { documentId } }))).toBe(0);

    await restoreDatabase(config, file);
    await withDb(async (db) => {
      expect(await findDocument(documentId)).toEqual(before.meta);
      expect(await db.documentChunk.count({ where: { documentId } })).toBe(before.chunks);
      const response = await documentContentResponse(actor, documentId);
      expect(response.status).toBe(200);
      const restored = new Uint8Array(await response.arrayBuffer());
      expect(restored.length).toBe(bytes.length);
      expect(Buffer.from(restored).equals(Buffer.from(bytes))).toBe(true);
      expect(sha(restored)).toBe(before.meta.sha256);
    });
  }, 120_000);
});
