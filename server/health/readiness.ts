import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { getDatabase, perDatabase } from '@/server/db/client';
import { readRows } from '@/server/db/read-rows';
import { describeMigrationProblem, readMigrationStatus } from '@/server/db/migration-status';
import { isDatabaseUnavailable } from './unavailable';

export type DatabaseReadiness =
  | { ok: true; engine: 'pglite' | 'postgresql' }
  | { ok: false; engine: 'pglite' | 'postgresql'; kind: 'unreachable' | 'migrations'; reason: string };

// Migrations do not go backwards under a running app, so once a database is up to date we stop
// asking (per database handle: tests run many databases in one process).
const migrations = perDatabase(() => ({ confirmed: false }));

/** Can the app serve? Checks that the database answers and its migrations are current. */
export async function checkDatabaseReadiness(): Promise<DatabaseReadiness> {
  let engine: 'pglite' | 'postgresql' = 'pglite';
  try {
    const handle = getDatabase();
    engine = handle.engine;
    if (migrations(handle).confirmed) {
      await readRows(Prisma.sql`SELECT 1`);
      return { ok: true, engine };
    }
    const problem = describeMigrationProblem(await readMigrationStatus(handle.db));
    if (problem) return { ok: false, engine, kind: 'migrations', reason: problem };
    migrations(handle).confirmed = true;
    return { ok: true, engine };
  } catch (error) {
    return { ok: false, engine, kind: 'unreachable', reason: explainConnectionError(error) };
  }
}

function explainConnectionError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof Error && error.name === 'DatabaseLockedError') return message;
  // Keep the log short and free of stack traces: during an outage every request logs this.
  const line = message.split('\n').map((l) => l.trim()).filter(Boolean).at(-1)?.slice(0, 200) ?? 'unknown error';
  console.error(`[accord] database check failed: ${line}`);
  // The reason is public (/api/health, the sign-in page): no host names or ports in it.
  if (isDatabaseUnavailable(error)) return 'The database is not reachable right now (it may be restarting). Accord serves again as soon as it answers.';
  return `The database is not reachable (${line}).`;
}
