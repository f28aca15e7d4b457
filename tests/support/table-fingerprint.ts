/**
 * The fuzz files' "never a partial write" fingerprint (tests/support/unchanged-state.ts), read per
 * table: one summary query per table (row counts, sums of versions), of which only those of tables
 * written since the last read run again. A statement-level trigger on each table counts the
 * statements that wrote to it (insert, update, delete, truncate) in a table of the test's own;
 * a table whose count did not move keeps its last summary. The count rolls back with the statement
 * that wrote, so it moves exactly when the table's committed state may have changed.
 *
 * Whole fingerprints, read every time, took more than half of the fuzz files' time (fuzz-api and
 * fuzz-commands on PGlite: 46 s, 21 s without them): most of it summing the demo world's 25,000
 * metric values and 13,000 targets, which a refused attempt never touches.
 * tests/db/table-fingerprint.test.ts shows the summaries follow every kind of write, on both engines.
 */
type Raw = {
  $executeRawUnsafe(query: string): Promise<number>;
  $queryRawUnsafe<T>(query: string): Promise<T>;
};

/** `table`: the one table `summary` reads (`SELECT … FROM table [WHERE …]`). */
export type TablePart = readonly [table: string, summary: string];

const COUNTS = 'accord_test_writes';

/**
 * Installs the counting triggers (`ENABLE ALWAYS`: they fire under `session_replication_role =
 * replica` too) and returns the reader. Call it once the file's world is built.
 */
export async function tableFingerprint(db: Raw, parts: readonly TablePart[]): Promise<() => Promise<string>> {
  await db.$executeRawUnsafe(`CREATE TABLE IF NOT EXISTS ${COUNTS} (table_name text PRIMARY KEY, statements bigint NOT NULL)`);
  await db.$executeRawUnsafe(`CREATE OR REPLACE FUNCTION ${COUNTS}_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      INSERT INTO ${COUNTS} AS w VALUES (TG_TABLE_NAME, 1) ON CONFLICT (table_name) DO UPDATE SET statements = w.statements + 1;
      RETURN NULL;
    END $$`);
  for (const table of new Set(parts.map(([name]) => name))) {
    await db.$executeRawUnsafe(`DROP TRIGGER IF EXISTS ${COUNTS}_count ON "${table}"`);
    await db.$executeRawUnsafe(`CREATE TRIGGER ${COUNTS}_count AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "${table}" FOR EACH STATEMENT EXECUTE FUNCTION ${COUNTS}_count()`);
    await db.$executeRawUnsafe(`ALTER TABLE "${table}" ENABLE ALWAYS TRIGGER ${COUNTS}_count`);
  }
  const known = new Map<number, { statements: string; summary: string }>();
  return async () => {
    // Counts first, summaries after: a write between the two shows in the summary and moves the
    // count past the one kept with it, so the next read takes that table again.
    const counted = await db.$queryRawUnsafe<{ table_name: string; statements: string }[]>(`SELECT table_name, statements::text AS statements FROM ${COUNTS}`);
    const statements = new Map(counted.map((row) => [row.table_name, row.statements]));
    const stale = parts.flatMap(([table], i) => (known.get(i)?.statements === (statements.get(table) ?? '0') ? [] : [i]));
    if (stale.length) {
      const [row] = await db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT ${stale.map((i) => `(${parts[i]![1]})::text AS p${i}`).join(', ')}`);
      for (const i of stale) known.set(i, { statements: statements.get(parts[i]![0]) ?? '0', summary: String(row![`p${i}`]) });
    }
    return parts.map((_, i) => known.get(i)!.summary).join('|');
  };
}
