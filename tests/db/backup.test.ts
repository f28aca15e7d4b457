import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupDatabase, restoreDatabase } from '@/server/db/backup';
import { createDatabase, type DatabaseHandle } from '@/server/db/client';
import type { DatabaseConfig } from '@/server/db/config';
import { seedDemo } from '@/tests/factories/demo';
import { fingerprint, type Fingerprint } from '@/tests/support/table-checksums';
import { migrateDataDir, openTestDatabase, testEngine } from '@/tests/support/test-database';

// Issue 8: `npm run db:backup` / `db:restore` round-trip a seeded database on each engine, and a
// restore is all or nothing. PostgreSQL: this file's own schema on the test server. PGlite: a data
// directory of its own (backups of the embedded database are of its files, not of memory).
// The demo seed as of mid-2018: every table filled, 8.5k metric rows (the full seed triples the
// time on PGlite and tests nothing more).
const TODAY = '2018-06-30';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-backup-'));
let config: DatabaseConfig;
let handle: DatabaseHandle;
let seeded: Fingerprint;
let backupFile: string;

/** The handle of the database under test, reopened around PGlite backups (they need its lock). */
async function withDb<T>(fn: (db: DatabaseHandle['db']) => Promise<T>): Promise<T> {
  if (testEngine() === 'postgresql') return fn(handle.db);
  const h = createDatabase(config);
  try {
    return await fn(h.db);
  } finally {
    await h.close();
  }
}

beforeAll(async () => {
  if (testEngine() === 'postgresql') {
    handle = await openTestDatabase();
    config = handle.config;
  } else {
    config = { engine: 'pglite', dataDir: path.join(dir, 'data', 'pglite') };
    await migrateDataDir(config.dataDir!);
    handle = createDatabase(config);
  }
  await seedDemo(handle.db, { today: TODAY });
  seeded = await fingerprint(handle.db);
  if (testEngine() === 'pglite') await handle.close(); // a backup takes the data directory's lock
  backupFile = path.join(dir, testEngine() === 'pglite' ? 'accord.tar.gz' : 'accord.dump');
});

afterAll(async () => {
  if (testEngine() === 'postgresql') await handle?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Changes every kind of thing a restore must undo (rows, a new table, a sequence); returns the result. */
async function vandalise(): Promise<Fingerprint> {
  return withDb(async (db) => {
    await db.$executeRawUnsafe(`DELETE FROM milestone_dependencies`);
    await db.$executeRawUnsafe(`UPDATE milestones SET title = 'vandalised', version = version + 1`);
    await db.$executeRawUnsafe(`DELETE FROM metric_values WHERE day < '2016-01-01'`);
    await db.$executeRawUnsafe(`INSERT INTO regions (code, name, "timeZone") VALUES ('ZZ', 'Nowhere', 'UTC')`);
    await db.$executeRawUnsafe(`CREATE TABLE stray (id int)`);
    return fingerprint(db);
  });
}

describe(`backup and restore (${testEngine()})`, () => {
  it('backs up the seeded database into one file, never leaving a partial one', async () => {
    const summary = await backupDatabase(config, backupFile);
    expect(summary).toMatchObject({ file: backupFile, engine: testEngine() });
    expect(summary.bytes).toBeGreaterThan(10_000);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.partial'))).toEqual([]);
    // Every table of the schema was seeded with something worth comparing.
    expect(Object.keys(seeded.tables).length).toBeGreaterThanOrEqual(20);
    expect(seeded.tables.metric_values!.rows).toBeGreaterThan(5_000);
    expect(seeded.tables.audit_events!.rows).toBeGreaterThan(0);
  });

  it('restores every table exactly: row counts, checksums, sequences, indexes, constraints and triggers', async () => {
    const vandalised = await vandalise();
    expect(vandalised.tables).not.toEqual(seeded.tables); // the comparison below can fail
    expect(vandalised.sequences).not.toEqual(seeded.sequences);

    await restoreDatabase(config, backupFile);
    const restored = await withDb(fingerprint);
    expect(restored.tables).toEqual(seeded.tables);
    expect(restored.sequences).toEqual(seeded.sequences);
    expect(restored.objects).toEqual(seeded.objects);
  });

  it('leaves a working database: the audit trail is still append-only and new ids do not collide', async () => {
    await withDb(async (db) => {
      await expect(db.$executeRawUnsafe(`UPDATE audit_events SET action = 'tampered'`)).rejects.toThrow(/append-only|not allowed|refuse/i);
      const region = await db.region.create({ data: { code: 'QQ', name: 'Restored test', timeZone: 'UTC' } });
      const max = await db.region.aggregate({ _max: { id: true } });
      expect(region.id).toBe(max._max.id);
      await db.region.delete({ where: { id: region.id } });
    });
  });

  it('refuses a truncated backup and changes nothing', async () => {
    const truncated = path.join(dir, `truncated-${path.basename(backupFile)}`);
    const bytes = fs.readFileSync(backupFile);
    fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const before = await vandalise();
    await expect(restoreDatabase(config, truncated)).rejects.toThrow(/Nothing was changed/);
    expect(await withDb(fingerprint)).toEqual(before);
    await restoreDatabase(config, backupFile); // back to the seeded state
    expect((await withDb(fingerprint)).tables).toEqual(seeded.tables);
  });

  it("refuses the other engine's backup and a file that is not a backup, saying why", async () => {
    const other = path.join(dir, testEngine() === 'pglite' ? 'other.dump' : 'other.tar.gz');
    fs.writeFileSync(other, testEngine() === 'pglite' ? Buffer.from('PGDMP\x01\x0e\x00') : Buffer.from([0x1f, 0x8b, 0x08, 0x00]));
    await expect(restoreDatabase(config, other)).rejects.toThrow(/is a backup of .* but the configured database is/);
    const junk = path.join(dir, 'notes.txt');
    fs.writeFileSync(junk, 'not a backup');
    await expect(restoreDatabase(config, junk)).rejects.toThrow(/is not an Accord backup/);
    await expect(restoreDatabase(config, path.join(dir, 'missing.dump'))).rejects.toThrow(/No backup file/);
  });
});

function runCli(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', script, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe.runIf(testEngine() === 'pglite')('embedded database in use', () => {
  let holder: ChildProcess | null = null;
  afterAll(() => {
    holder?.kill('SIGKILL');
  });

  it('refuses to back up or restore while another process (the app) holds the database, naming it', async () => {
    holder = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/support/hold-database.ts', config.engine === 'pglite' ? config.dataDir! : ''], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      holder!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      holder!.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
    });
    const message = new RegExp(`Cannot (back up|restore) the embedded database while another process uses it: pid ${holder.pid} .*Stop the app`);
    await expect(backupDatabase(config, path.join(dir, 'while-running.tar.gz'))).rejects.toThrow(message);
    await expect(restoreDatabase(config, backupFile)).rejects.toThrow(message);
    expect(fs.existsSync(path.join(dir, 'while-running.tar.gz'))).toBe(false);
    // The command an operator runs says the same and exits non-zero.
    const cli = await runCli('scripts/db/restore.ts', [backupFile, '--yes'], { ACCORD_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: '' });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(message);
    const exited = new Promise((resolve) => holder!.once('exit', resolve));
    holder.stdin!.end();
    await exited;
    holder = null;
    expect((await withDb(fingerprint)).tables).toEqual(seeded.tables);
  });
});
