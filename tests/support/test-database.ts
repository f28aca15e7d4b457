import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createDatabase, installDatabase, type DatabaseHandle } from '@/server/db/client';
import type { DatabaseConfig } from '@/server/db/config';
import { applyPendingMigrations } from '@/server/db/schema-engine';

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
  const test = await openIsolated(options.migrate ?? true);
  // Query modules use the process-wide handle (server/db.ts): point it at this database.
  installDatabase(test);
  return {
    ...test,
    async close() {
      installDatabase(undefined);
      await test.close();
    },
  };
}

async function openIsolated(migrate: boolean): Promise<TestDatabase> {
  if (testEngine() === 'pglite') {
    const handle = createDatabase({ engine: 'pglite', dataDir: null });
    if (migrate) await applyPendingMigrations(handle.adapter.factory);
    return { ...handle, label: 'PGlite (memory)' };
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
