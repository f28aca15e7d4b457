import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '@/server/db/client';
import { createCheckpoint, createPartnership, createUser } from '@/tests/factories/builders';
import { migrateDataDir, openTestDatabase, testEngine, TEST_POSTGRES_URL, type TestDatabase } from '@/tests/support/test-database';

// Issue 15: "an upload killed mid-write leaves nothing". A process uploading a 6 MB file is killed
// with SIGKILL after its third chunk is written inside the transaction: no document row, no chunk,
// no audit row, the checkpoint untouched, and no scratch file left in the spool directory (it was
// unlinked when opened). The same upload then commits whole. Pattern of tests/db/crash-import.test.ts.
const SIZE = 6 * 1024 * 1024; // 6 chunks: the kill lands after the third, three still to write
let t: TestDatabase | null = null;
let work: string;
let pgliteDir: string | null = null;
let ids: { checkpointId: string; userId: string };

async function seed(handle: Pick<DatabaseHandle, 'db'>) {
  const user = await createUser(handle.db, { role: 'BUSINESS_DEVELOPMENT' });
  const p = await createPartnership(handle.db, { ownerId: user.id });
  const c = await createCheckpoint(handle.db, { partnershipId: p.id, status: 'APPROVED', decidedOn: '2026-01-01' });
  return { checkpointId: c.id, userId: user.id };
}

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-upload-crash-'));
  fs.mkdirSync(path.join(work, 'spool'));
  if (testEngine() === 'postgresql') {
    t = await openTestDatabase();
    ids = await seed(t);
  } else {
    pgliteDir = path.join(work, 'pglite');
    await migrateDataDir(pgliteDir);
    const handle = createDatabase({ engine: 'pglite', dataDir: pgliteDir });
    ids = await seed(handle);
    await handle.close();
  }
}, 60_000);

afterAll(async () => {
  await t?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

async function withDatabase<T>(fn: (handle: Pick<DatabaseHandle, 'db'>) => Promise<T>): Promise<T> {
  if (t) return fn(t);
  const handle = createDatabase({ engine: 'pglite', dataDir: pgliteDir! });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

const state = (handle: Pick<DatabaseHandle, 'db'>) =>
  handle.db.$queryRaw<{ documents: number; chunks: number; audit: number; version: number }[]>`
    SELECT (SELECT COUNT(*)::int FROM documents) AS documents, (SELECT COUNT(*)::int FROM document_chunks) AS chunks,
           (SELECT COUNT(*)::int FROM audit_events) AS audit,
           (SELECT version FROM regulatory_checkpoints WHERE id = ${ids.checkpointId}) AS version`.then((rows) => rows[0]!);

function runChild(kill: boolean): Promise<{ killed: boolean; output: string }> {
  const args = t
    ? ['postgresql', TEST_POSTGRES_URL, (t.config as { schema: string }).schema]
    : ['pglite', pgliteDir!, ''];
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/support/crash-upload-child.ts', ...args, ids.checkpointId, ids.userId, String(SIZE)], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ACCORD_SPOOL_DIR: path.join(work, 'spool') },
  });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (kill && output.includes('writing')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', output }));
  });
}

describe('an upload killed mid-write', () => {
  it('leaves no row, no chunk, no audit row and no scratch file; the same upload then commits whole', async () => {
    const before = await withDatabase(state);
    const crashed = await runChild(true);
    expect(crashed.killed, crashed.output).toBe(true);
    expect(crashed.output).toContain('writing');
    expect(crashed.output).not.toContain('committed');
    expect(await withDatabase(state)).toEqual(before);
    expect(fs.readdirSync(path.join(work, 'spool'))).toEqual([]);

    const whole = await runChild(false);
    expect(whole.output, whole.output).toMatch(/committed \w+/);
    // The document, its 6 chunks, its audit row and the checkpoint's expiry (audited, version bumped).
    expect(await withDatabase(state)).toEqual({ documents: before.documents + 1, chunks: before.chunks + SIZE / (1024 * 1024), audit: before.audit + 2, version: before.version + 1 });
    expect(fs.readdirSync(path.join(work, 'spool'))).toEqual([]);
  }, 120_000);
});
