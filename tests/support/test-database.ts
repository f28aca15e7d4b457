import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, installDatabase, type DatabaseHandle } from '@/server/db/client';
import type { DatabaseConfig } from '@/server/db/config';
import { applyPendingMigrations } from '@/server/db/schema-engine';
import type { IsoDay } from '@/lib/dates';
import { seedDemo } from '../factories/demo';

/**
 * A fresh, migrated database for one test file, on the engine the Vitest project names
 * (ACCORD_TEST_ENGINE): PGlite in memory, or a schema of its own on the PostgreSQL server
 * (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test), dropped on close.
 */
export type TestDatabase = DatabaseHandle & { label: string };

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export function testEngine(): 'pglite' | 'postgresql' {
  return process.env.ACCORD_TEST_ENGINE === 'postgresql' ? 'postgresql' : 'pglite';
}

export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  return installed(await openIsolated(options.migrate ?? true));
}

/**
 * The demo world (tests/factories/demo.ts) as of `today`, on a fresh database of its own. On PGlite
 * the first file of a run seeds it for real and keeps a dump; later files start from that dump
 * (about 1 s instead of 10 to 20). tests/db/seed.test.ts seeds for real and checks the result.
 */
export async function openDemoDatabase(today: IsoDay): Promise<TestDatabase> {
  if (testEngine() === 'pglite') {
    const kept = await fromSnapshot(`demo-${today}`);
    if (kept) return installed(kept);
  }
  const t = await openTestDatabase();
  await seedDemo(t.db, { today });
  if (testEngine() === 'pglite') await keepSnapshot(t, `demo-${today}`);
  return t;
}

/** Query modules use the process-wide handle (server/db.ts): point it at this database. */
function installed(test: TestDatabase): TestDatabase {
  installDatabase(test);
  return {
    ...test,
    async close() {
      installDatabase(undefined);
      await test.close();
    },
  };
}

/** Snapshots live for one Vitest run, in the directory tests/support/global-setup.ts made. */
function snapshotPath(name: string): string | null {
  const dir = inject('snapshotDir');
  return dir ? path.join(dir, `${name}.tar`) : null;
}

async function fromSnapshot(name: string): Promise<TestDatabase | null> {
  const file = snapshotPath(name);
  if (!file || !fs.existsSync(file)) return null;
  const startFrom = new Blob([fs.readFileSync(file)]);
  const handle = createDatabase({ engine: 'pglite', dataDir: null, startFrom });
  return { ...handle, label: `PGlite (memory, from the ${name} snapshot)` };
}

async function keepSnapshot(test: TestDatabase, name: string) {
  const file = snapshotPath(name);
  if (!file || fs.existsSync(file) || !test.adapter.pglite) return;
  const dump = await (await test.adapter.pglite()).dumpDataDir('none');
  // Written aside and renamed: a file running at the same time never reads half a snapshot.
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(partial, Buffer.from(await dump.arrayBuffer()));
  fs.renameSync(partial, file);
}

async function openIsolated(migrate: boolean): Promise<TestDatabase> {
  if (testEngine() === 'pglite') {
    if (migrate) {
      const kept = await fromSnapshot('migrated');
      if (kept) return kept;
    }
    const handle = createDatabase({ engine: 'pglite', dataDir: null });
    const test = { ...handle, label: 'PGlite (memory)' };
    if (migrate) {
      await applyPendingMigrations(handle.adapter.factory);
      await keepSnapshot(test, 'migrated');
    }
    return test;
  }
  const schema = `accord_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA "${schema}"`);
  const config: DatabaseConfig = { engine: 'postgresql', connectionString: TEST_POSTGRES_URL, schema };
  const handle = createDatabase(config);
  try {
    if (migrate) await applyPendingMigrations(handle.adapter.factory);
  } catch (error) {
    await handle.close();
    await adminQuery(`DROP SCHEMA "${schema}" CASCADE`);
    throw error;
  }
  return {
    ...handle,
    label: `PostgreSQL (schema ${schema})`,
    async close() {
      await handle.close();
      await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
