import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, postgresMigratedTemplate, testEngine, type TestDatabase } from '../support/test-database';
import { withAdmin } from '../support/postgres-admin';

// PostgreSQL test files migrate by replaying the migrations' SQL after a template that Prisma's
// schema engine migrated (tests/support/test-database.ts). Every file's tests stand on that replay:
// here it is compared with the engine's schema, object by object, so a migration the replay would
// apply differently (or not at all) fails here, not as a puzzle in some other file.

const CATALOGUE: Record<string, string> = {
  columns: `SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
              || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '') || ' storage ' || a.attstorage::text AS x
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND c.relkind IN ('r', 'p', 'v', 'm') AND a.attnum > 0 AND NOT a.attisdropped`,
  indexes: `SELECT indexdef AS x FROM pg_indexes WHERE schemaname = $1`,
  constraints: `SELECT c.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) AS x
                FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid WHERE k.connamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)`,
  triggers: `SELECT pg_get_triggerdef(t.oid) AS x FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
             WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND NOT t.tgisinternal`,
  functions: `SELECT p.proname || '(' || pg_get_function_arguments(p.oid) || ') ' || p.prosrc AS x FROM pg_proc p WHERE p.pronamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1)`,
  types: `SELECT t.typname || ' ' || coalesce(string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder), '') AS x
          FROM pg_type t LEFT JOIN pg_enum e ON e.enumtypid = t.oid WHERE t.typnamespace = (SELECT oid FROM pg_namespace WHERE nspname = $1) AND t.typtype = 'e' GROUP BY t.typname`,
  sequences: `SELECT sequencename || ' ' || data_type::text AS x FROM pg_sequences WHERE schemaname = $1`,
  migrations: `SELECT migration_name || ' ' || checksum AS x FROM _prisma_migrations`,
};

async function catalogue(schema: string): Promise<Record<string, string[]>> {
  return withAdmin(async (client) => {
    await client.query(`SET search_path TO "${schema}"`);
    const out: Record<string, string[]> = {};
    for (const [kind, sql] of Object.entries(CATALOGUE)) {
      const rows = await client.query<{ x: string }>(sql, sql.includes('$1') ? [schema] : []);
      out[kind] = rows.rows.map((r) => r.x.replaceAll(`"${schema}".`, '').replaceAll(`${schema}.`, '')).sort();
    }
    return out;
  });
}

describe.runIf(testEngine() === 'postgresql')('a test schema migrated by replaying the SQL', () => {
  let t: TestDatabase;
  let template: string | null;
  beforeAll(async () => {
    t = await openTestDatabase();
    template = await postgresMigratedTemplate();
  });
  afterAll(async () => t?.close());

  it('holds what the schema engine made of the same migrations, object by object', async () => {
    expect(template, 'the run builds a migrated template (a superuser is needed to copy it)').not.toBeNull();
    const [replayed, engine] = await Promise.all([catalogue(t.schema!), catalogue(template!)]);
    for (const kind of Object.keys(CATALOGUE)) expect(replayed[kind], kind).toEqual(engine[kind]);
    expect(engine.columns!.length).toBeGreaterThan(100);
    expect(engine.migrations!.length).toBeGreaterThan(20);
  });

  it('is one the app calls up to date', async () => {
    const { checkDatabaseReadiness } = await import('@/server/health/readiness');
    expect(await checkDatabaseReadiness()).toEqual({ ok: true, engine: 'postgresql' });
  });
});
