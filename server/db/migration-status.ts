import 'server-only';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Db } from './client';

export type MigrationStatus =
  | { state: 'up-to-date'; applied: number }
  | { state: 'behind'; pending: string[] }
  | { state: 'diverged'; unknown: string[]; modified: string[] };

export const MIGRATE_COMMAND = 'npm run db:migrate';

type AppliedRow = { migration_name: string; checksum: string };

/**
 * Compares the migrations folder with `_prisma_migrations` (the table Prisma's CLI and our
 * offline runner both write). The app refuses to serve unless this says up-to-date.
 */
export async function readMigrationStatus(
  db: Db,
  // Traced into deployments by next.config.js (outputFileTracingIncludes), not by analysis.
  dir = path.join(/*turbopackIgnore: true*/ process.cwd(), 'prisma', 'migrations'),
): Promise<MigrationStatus> {
  const local = fs
    .readdirSync(/*turbopackIgnore: true*/ dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  const [table] = await db.$queryRaw<{ exists: boolean }[]>`
    SELECT to_regclass('_prisma_migrations') IS NOT NULL AS "exists"`;
  if (!table?.exists) return { state: 'behind', pending: local };
  const rows = await db.$queryRaw<AppliedRow[]>`
    SELECT migration_name, checksum FROM _prisma_migrations
    WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`;
  const applied = new Map(rows.map((r) => [r.migration_name, r.checksum]));
  const unknown = [...applied.keys()].filter((name) => !local.includes(name));
  const modified = local.filter((name) => {
    const checksum = applied.get(name);
    if (!checksum) return false;
    const sql = fs.readFileSync(path.join(/*turbopackIgnore: true*/ dir, name, 'migration.sql'));
    return createHash('sha256').update(sql).digest('hex') !== checksum;
  });
  if (unknown.length || modified.length) return { state: 'diverged', unknown, modified };
  const pending = local.filter((name) => !applied.has(name));
  return pending.length ? { state: 'behind', pending } : { state: 'up-to-date', applied: applied.size };
}

export function describeMigrationProblem(status: MigrationStatus): string | null {
  if (status.state === 'up-to-date') return null;
  if (status.state === 'behind') {
    return `The database is behind by ${status.pending.length} migration(s) (${status.pending.join(', ')}). Run \`${MIGRATE_COMMAND}\`.`;
  }
  const parts = [
    status.unknown.length ? `applied migrations missing from prisma/migrations: ${status.unknown.join(', ')}` : '',
    status.modified.length ? `migrations edited after they were applied: ${status.modified.join(', ')}` : '',
  ].filter(Boolean);
  return `The database and prisma/migrations disagree (${parts.join('; ')}). Restore the migration files this database was built with.`;
}
