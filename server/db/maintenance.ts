import 'server-only';
import type { Db } from './client';

/**
 * Vacuum and statistics where nothing else does them (docs/decisions/028-database-maintenance.md).
 *
 * PGlite runs no autovacuum: without this, the dead rows of every update, the pending entries of
 * the search's trigram indexes and the visibility maps of every write stay for good, and reads grow
 * slower with every change (a search view ~48 ms on a vacuumed copy of the bench database, ~208 ms
 * on the same data left as its writes made it). A PostgreSQL server whose autovacuum launcher runs
 * is left alone; one with autovacuum switched off is tidied the same way.
 *
 * Which tables: autovacuum's own rule with the database's own settings (dead rows over
 * `autovacuum_vacuum_threshold + scale × rows`, inserts since the last vacuum over the insert
 * threshold, changes since the last analyze over the analyze threshold), so a table is vacuumed
 * here exactly when PostgreSQL would have vacuumed it. One statement per table: on the embedded
 * database every statement holds the one thread, and requests go between tables.
 *
 * PGlite keeps no activity counters across a restart (they start at zero each time the app starts),
 * so the changes of the run before are unknown: the first maintenance of each process vacuums every
 * table of the schema once (cheap on a tidy table: VACUUM skips the pages its visibility map marks
 * clean; 3 ms for 177,000 audit events), then follows the rule. Not ANALYZE: the planner's
 * statistics are a catalog table and survive the restart, and analyzing every table costs a stall
 * (0.5 s for those audit events on the bench data).
 */
export type TableCare = { table: string; vacuum: boolean; analyze: boolean };
export type MaintenanceResult =
  | { ran: false; reason: 'autovacuum' }
  | { ran: true; catchUp: boolean; tables: (TableCare & { ms: number })[] };

/** True where PostgreSQL's autovacuum launcher runs (never on PGlite: one process, no launcher). */
export async function autovacuumRuns(db: Db): Promise<boolean> {
  const [row] = await db.$queryRaw<{ runs: boolean }[]>`
    SELECT EXISTS (SELECT 1 FROM pg_stat_activity WHERE backend_type = 'autovacuum launcher') AS runs`;
  return row?.runs === true;
}

/**
 * Sends this connection's pending activity counts to the statistics now. PostgreSQL (15 and later,
 * PGlite too) keeps a session's counts back until a second has passed since it last sent them: a
 * write made less than a second before a VACUUM was counted after it, so the table looked due again
 * right after its vacuum (seen in tests/db/database-maintenance.test.ts on a loaded machine). Before
 * 15 the counts go at every transaction's end and there is nothing to send. A DO block, so a server
 * without the function is never asked to plan a call to it.
 */
export async function sendPendingCounts(db: Db): Promise<void> {
  await db.$executeRawUnsafe(
    `DO $$ BEGIN IF current_setting('server_version_num')::int >= 150000 THEN PERFORM pg_stat_force_next_flush(); END IF; END $$`,
  );
}

/** The tables of the app's schema that autovacuum's rule says are due, in name order. */
export async function tablesDue(db: Db): Promise<TableCare[]> {
  const rows = await db.$queryRaw<{ table: string; vacuum: boolean; analyze: boolean }[]>`
    WITH s AS (
      SELECT t.relname AS "table", t.n_dead_tup AS dead, t.n_ins_since_vacuum AS inserted,
             t.n_mod_since_analyze AS changed, greatest(c.reltuples, 0) AS rows
      FROM pg_stat_user_tables t JOIN pg_class c ON c.oid = t.relid
      WHERE t.schemaname = current_schema()
    )
    SELECT "table",
      (dead > current_setting('autovacuum_vacuum_threshold')::float8 + current_setting('autovacuum_vacuum_scale_factor')::float8 * rows
        OR inserted > current_setting('autovacuum_vacuum_insert_threshold')::float8 + current_setting('autovacuum_vacuum_insert_scale_factor')::float8 * rows) AS vacuum,
      changed > current_setting('autovacuum_analyze_threshold')::float8 + current_setting('autovacuum_analyze_scale_factor')::float8 * rows AS analyze
    FROM s ORDER BY "table"`;
  return rows.filter((r) => r.vacuum || r.analyze);
}

/** Every table of the app's schema, vacuumed as a catch-up after a start (analyzed where the rule says so). */
async function everyTable(db: Db): Promise<TableCare[]> {
  const due = new Map((await tablesDue(db)).map((care) => [care.table, care.analyze]));
  const rows = await db.$queryRaw<{ table: string }[]>`
    SELECT relname AS "table" FROM pg_stat_user_tables WHERE schemaname = current_schema() ORDER BY relname`;
  return rows.map(({ table }) => ({ table, vacuum: true, analyze: due.get(table) ?? false }));
}

const quoted = (name: string) => `"${name.replaceAll('"', '""')}"`;
/** The database handles this process has caught up since it started. */
const caughtUp = new WeakSet<Db>();

/** Vacuums and analyzes what is due (vacuums everything, the first time in this process), unless autovacuum runs. */
export async function maintainDatabase(db: Db): Promise<MaintenanceResult> {
  if (await autovacuumRuns(db)) return { ran: false, reason: 'autovacuum' };
  const catchUp = !caughtUp.has(db);
  await sendPendingCounts(db);
  const tables: (TableCare & { ms: number })[] = [];
  for (const care of catchUp ? await everyTable(db) : await tablesDue(db)) {
    const started = performance.now();
    // VACUUM cannot run inside a transaction block: each statement on its own.
    const statement = care.vacuum ? `VACUUM (ANALYZE ${care.analyze ? 'TRUE' : 'FALSE'}) ${quoted(care.table)}` : `ANALYZE ${quoted(care.table)}`;
    await db.$executeRawUnsafe(statement);
    tables.push({ ...care, ms: Math.round(performance.now() - started) });
  }
  caughtUp.add(db);
  return { ran: true, catchUp, tables };
}
