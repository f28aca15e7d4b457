import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

// One directory per Vitest run for database snapshots (tests/support/test-database.ts): a migrated
// PGlite and the seeded demo world are built once per run and copied by each file that needs them;
// on PostgreSQL the demo world is a template schema named after the directory. Per run, so a
// changed migration or factory can never meet a stale snapshot.
declare module 'vitest' {
  export interface ProvidedContext {
    snapshotDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-vitest-snapshots-'));
  project.provide('snapshotDir', dir);
  return async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (process.env.ACCORD_TEST_ENGINE === 'postgresql' || project.name.startsWith('postgres')) await dropTemplates(dir);
  };
}

/** The run's template schemas on the PostgreSQL server (other runs' are theirs to drop). */
async function dropTemplates(dir: string) {
  const { withAdmin, postgresTemplatePrefix } = await import('./postgres-admin');
  await withAdmin(async (client) => {
    const like = `${postgresTemplatePrefix(dir).replace(/_/g, '\\_')}%`;
    const found = await client.query<{ name: string }>(`SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE $1`, [like]);
    for (const { name } of found.rows) await client.query(`DROP SCHEMA IF EXISTS "${name}" CASCADE`);
  });
}
