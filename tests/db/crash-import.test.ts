import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '@/server/db/client';
import { createPartnership, createUser, ensureMetrics, ensureRegion } from '@/tests/factories/builders';
import { migrateDataDir, openTestDatabase, testEngine, TEST_POSTGRES_URL, type TestDatabase } from '@/tests/support/test-database';

// A process killed in the middle of a CSV import leaves nothing half-written (issue 8): the
// import is one transaction, so the database shows all of it or none of it after the crash.
const SLUG = 'crash-test';
const ROWS = 20_000; // 4 batches: the kill lands on the first, milliseconds after it, while 3 are left to write

let t: TestDatabase | null = null;
let pgliteDir: string | null = null;

async function seed(handle: Pick<DatabaseHandle, 'db'>) {
  const owner = await createUser(handle.db, { role: 'ANALYST' });
  await createPartnership(handle.db, { ownerId: owner.id, slug: SLUG });
  await ensureMetrics(handle.db);
  for (const [code, timeZone] of [['US', 'America/New_York'], ['GB', 'Europe/London'], ['SG', 'Asia/Singapore'], ['AU', 'Australia/Sydney'], ['DE', 'Europe/Berlin'], ['JP', 'Asia/Tokyo'], ['HK', 'Asia/Hong_Kong'], ['CN', 'Asia/Shanghai']]) {
    await ensureRegion(handle.db, { code: code!, name: code!, timeZone: timeZone! });
  }
}

beforeAll(async () => {
  if (testEngine() === 'postgresql') {
    t = await openTestDatabase();
    await seed(t);
  } else {
    pgliteDir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'accord-crash-')), 'pglite');
    await migrateDataDir(pgliteDir);
    const handle = createDatabase({ engine: 'pglite', dataDir: pgliteDir });
    await seed(handle);
    await handle.close();
  }
}, 60_000);

afterAll(async () => {
  await t?.close();
  if (pgliteDir) fs.rmSync(path.dirname(pgliteDir), { recursive: true, force: true });
});

async function counts(handle: Pick<DatabaseHandle, 'db'>) {
  const [row] = await handle.db.$queryRaw<{ values: number; imports: number }[]>`
    SELECT (SELECT COUNT(*)::int FROM metric_values) AS values,
           (SELECT COUNT(*)::int FROM audit_events WHERE action = 'metrics.imported') AS imports`;
  return row!;
}

function runChild(killAtWriting: boolean): Promise<{ killed: boolean; output: string }> {
  const args = t
    ? ['postgresql', TEST_POSTGRES_URL, (t.config as { schema: string }).schema, SLUG, String(ROWS)]
    : ['pglite', pgliteDir!, '', SLUG, String(ROWS)];
  const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/support/crash-import-child.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (killAtWriting && output.includes('writing')) child.kill('SIGKILL');
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (_code, signal) => resolve({ killed: signal === 'SIGKILL', output }));
  });
}

async function withDatabase<T>(fn: (handle: Pick<DatabaseHandle, 'db'>) => Promise<T>): Promise<T> {
  if (t) return fn(t);
  const handle = createDatabase({ engine: 'pglite', dataDir: pgliteDir! });
  try {
    return await fn(handle);
  } finally {
    await handle.close();
  }
}

describe('a CSV import killed mid-write', () => {
  it('leaves no row and no audit record behind; the same import then commits whole', async () => {
    const before = await withDatabase(counts);
    const crashed = await runChild(true);
    expect(crashed.killed, crashed.output).toBe(true);
    expect(crashed.output).toContain('writing');
    expect(crashed.output).not.toContain('committed');
    // PGlite reopens its data directory (recovering its write-ahead log); PostgreSQL rolled back.
    expect(await withDatabase(counts)).toEqual(before);

    const whole = await runChild(false);
    expect(whole.output).toContain(`committed ${ROWS}`);
    expect(await withDatabase(counts)).toEqual({ values: before.values + ROWS, imports: before.imports + 1 });
  }, 120_000);
});
