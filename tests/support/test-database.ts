import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { inject } from 'vitest';
import { createDatabase, installDatabase, type DatabaseHandle } from '@/server/db/client';
import type { DatabaseConfig } from '@/server/db/config';
import { applyPendingMigrations } from '@/server/db/schema-engine';
import type { IsoDay } from '@/lib/dates';
import { seedDemo, type SeedSummary } from '../factories/demo';
import { postgresTemplatePrefix, TEST_POSTGRES_URL, withAdmin } from './postgres-admin';

/**
 * A fresh, migrated database for one test file, on the engine the Vitest project names
 * (ACCORD_TEST_ENGINE): PGlite in memory, or a schema of its own on the PostgreSQL server
 * (TEST_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test), dropped on close.
 */
export type TestDatabase = DatabaseHandle & { label: string; /** PostgreSQL: the file's own schema. */ schema?: string };

export { TEST_POSTGRES_URL };

export function testEngine(): 'pglite' | 'postgresql' {
  return process.env.ACCORD_TEST_ENGINE === 'postgresql' ? 'postgresql' : 'pglite';
}

export async function openTestDatabase(options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  return installed(await openIsolated(options.migrate ?? true));
}

/**
 * The demo world (tests/factories/demo.ts) as of `today`, on a fresh database of its own. On PGlite
 * the first file of a run seeds it for real and keeps a dump; later files start from that dump
 * (about 1 s instead of 10 to 20). On PostgreSQL the first file seeds a template schema and every
 * file copies its rows into a migrated schema of its own (about 1 s instead of 11).
 * `seeded` is what that seeding from nothing reported (kept beside the dump or template): whichever
 * file seeded it, in this run, with this code. tests/db/seed.test.ts checks it and the world.
 */
export async function openDemoDatabase(today: IsoDay): Promise<TestDatabase & { seeded: SeedSummary }> {
  const name = `demo-${today}`;
  if (testEngine() === 'pglite') {
    const kept = await snapshotOrClaim(name);
    if (kept) return { ...installed(kept), seeded: readSeedSummary(name) };
  } else {
    const template = await postgresTemplate(name, async (t) => writeSeedSummary(name, await seedDemo(t.db, { today })));
    if (template) return { ...installed(await cloneOf(template)), seeded: readSeedSummary(name) };
  }
  return buildingSnapshot(name, async () => {
    const t = await openTestDatabase();
    const seeded = await seedDemo(t.db, { today });
    if (testEngine() === 'pglite') {
      writeSeedSummary(name, seeded); // before the dump is published: a file that finds the dump finds this
      await keepSnapshot(t, name);
    }
    return { ...t, seeded };
  });
}

/** The seeding's summary beside the run's snapshot of `name` (per engine: both share the directory). */
function seedSummaryPath(name: string): string | null {
  const file = snapshotPath(`${name}-${testEngine()}`);
  return file && `${file}.seeded.json`;
}

function writeSeedSummary(name: string, summary: SeedSummary) {
  const file = seedSummaryPath(name);
  if (file) writeWhole(file, JSON.stringify(summary));
}

/** Written aside and renamed: a file running at the same time never reads half of it. */
function writeWhole(file: string, data: string | Buffer) {
  const partial = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  fs.writeFileSync(partial, data);
  fs.renameSync(partial, file);
}

function readSeedSummary(name: string): SeedSummary {
  const file = seedSummaryPath(name);
  if (!file || !fs.existsSync(file)) throw new Error(`The demo world ${name} was copied, but no summary of its seeding was kept (${file})`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as SeedSummary;
}

/**
 * PGlite on disk, for the files that back up, crash or run the CLI on a data directory: makes the
 * empty `dataDir` a migrated database by loading the run's migrated snapshot into it, as a restore
 * loads a backup (server/db/backup-pglite.ts), instead of running Prisma's schema engine on it
 * (3–4 s of each such file's setup on a slow machine, 2026-12-05). Outside a run the engine migrates it.
 */
export async function migrateDataDir(dataDir: string): Promise<void> {
  const snapshot = await migratedSnapshot();
  const handle = createDatabase({ engine: 'pglite', dataDir, startFrom: snapshot ?? undefined });
  try {
    if (snapshot) await handle.adapter.pglite!(); // opening it writes the snapshot into the directory
    else await applyPendingMigrations(handle.adapter.factory);
  } finally {
    await handle.close();
  }
}

/** The run's migrated PGlite snapshot, built first if no file has yet; null outside a run. */
async function migratedSnapshot(): Promise<Uint8Array | null> {
  const file = snapshotPath('migrated');
  if (!file) return null;
  if (!fs.existsSync(file)) await (await openIsolated(true)).close();
  return fs.existsSync(file) ? fs.readFileSync(file) : null;
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
  const handle = createDatabase({ engine: 'pglite', dataDir: null, startFrom: fs.readFileSync(file) });
  return { ...handle, label: `PGlite (memory, from the ${name} snapshot)` };
}

/**
 * A snapshot from the run's directory, or null when this file is to build it. A file in another
 * worker that needs it while it is being built waits for it (the builder claims it with a file of
 * its own) instead of building it too: the fuzz files and others start together, and each built
 * the demo world at the same time (about 15 s of a worker each, on a slow machine).
 */
async function snapshotOrClaim(name: string): Promise<TestDatabase | null> {
  const file = snapshotPath(name);
  if (!file) return null;
  for (const started = Date.now(); Date.now() - started < CLAIM_WAIT_MS;) {
    const kept = await fromSnapshot(name);
    if (kept) return kept;
    try {
      fs.writeFileSync(`${file}.building`, String(process.pid), { flag: 'wx' });
      return null;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100)); // another worker is building it
    }
  }
  return null; // the builder died or hangs: build it here
}

/** Longer than a snapshot takes to build on a busy 2-core machine. */
const CLAIM_WAIT_MS = 120_000;

/** Runs a snapshot's build; on failure the claim is given up, so a waiting file builds it instead. */
async function buildingSnapshot<T>(name: string, build: () => Promise<T>): Promise<T> {
  try {
    return await build();
  } catch (error) {
    const file = snapshotPath(name);
    if (file) fs.rmSync(`${file}.building`, { force: true });
    throw error;
  }
}

async function keepSnapshot(test: TestDatabase, name: string) {
  const file = snapshotPath(name);
  if (!file || fs.existsSync(file) || !test.adapter.pglite) return;
  const dump = await (await test.adapter.pglite()).dumpDataDir('none');
  writeWhole(file, Buffer.from(await dump.arrayBuffer()));
}

/**
 * A schema on the PostgreSQL server holding what `build` wrote, made once per Vitest run (its name
 * carries the run's snapshot directory, so a changed migration or factory never meets an old one)
 * and dropped by tests/support/global-setup.ts. Built under an advisory lock, in a schema of its
 * own renamed when whole: a file running at the same time waits for it and never sees half of it.
 * Null outside a run (no snapshot directory) or without a superuser (needed to copy it, below).
 */
async function postgresTemplate(name: string, build: (t: TestDatabase) => Promise<unknown>): Promise<string | null> {
  const dir = inject('snapshotDir');
  if (!dir) return null;
  const schema = `${postgresTemplatePrefix(dir)}${name}`;
  return withAdmin(async (client) => {
    const superuser = await client.query(`SELECT rolsuper FROM pg_roles WHERE rolname = current_user`);
    if (!superuser.rows[0]?.rolsuper) return null;
    await client.query(`SELECT pg_advisory_lock(hashtext($1))`, [schema]);
    try {
      const exists = await client.query(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, [schema]);
      if (!exists.rowCount) {
        const work = await openIsolated(true, { keep: true, engine: name === MIGRATED });
        try {
          installDatabase(work);
          await build(work);
        } catch (error) {
          await client.query(`DROP SCHEMA IF EXISTS "${work.schema}" CASCADE`);
          throw error;
        } finally {
          installDatabase(undefined);
          await work.close();
        }
        await client.query(`ALTER SCHEMA "${work.schema}" RENAME TO "${schema}"`);
      }
      return schema;
    } finally {
      await client.query(`SELECT pg_advisory_unlock(hashtext($1))`, [schema]);
    }
  });
}

/**
 * A migrated schema of its own holding a copy of the template's rows: every table copied as it is,
 * with triggers and foreign-key checks off while copying (`session_replication_role = replica`:
 * the rows are already whole, and the audit and data-version triggers must not fire again), and
 * each sequence set where the template's stands.
 */
export async function cloneOf(template: string): Promise<TestDatabase> {
  const test = await openIsolated(true);
  const target = test.schema!;
  try {
    await withAdmin(async (client) => {
      await client.query('BEGIN');
      await client.query(`SET LOCAL session_replication_role = replica`);
      const tables = await client.query<{ name: string }>(
        `SELECT tablename AS name FROM pg_tables WHERE schemaname = $1 AND tablename <> '_prisma_migrations'`,
        [template],
      );
      // The migrations wrote rows of their own (the data versions): the copy replaces them.
      await client.query(`TRUNCATE ${tables.rows.map(({ name }) => `"${target}"."${name}"`).join(', ')}`);
      for (const { name } of tables.rows) {
        // Enum types belong to their schema: such a column is copied through its text.
        const columns = await client.query<{ name: string; type: string; own: boolean }>(
          `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type,
                  coalesce(el.typnamespace, t.typnamespace) = $1::regnamespace AS own
           FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type el ON el.oid = t.typelem AND t.typelem <> 0
           WHERE a.attrelid = $2::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`,
          [`"${target}"`, `"${target}"."${name}"`],
        );
        const list = columns.rows.map((c) => `"${c.name}"`).join(', ');
        const values = columns.rows.map((c) => (c.own ? `"${c.name}"::text::${c.type}` : `"${c.name}"`)).join(', ');
        await client.query(`INSERT INTO "${target}"."${name}" (${list}) SELECT ${values} FROM "${template}"."${name}"`);
      }
      const sequences = await client.query<{ name: string; last: string }>(
        `SELECT sequencename AS name, last_value::text AS last FROM pg_sequences WHERE schemaname = $1 AND last_value IS NOT NULL`,
        [template],
      );
      for (const { name, last } of sequences.rows) {
        await client.query(`SELECT setval($1, $2::bigint)`, [`"${target}"."${name}"`, last]);
      }
      await client.query('COMMIT');
    });
  } catch (error) {
    await test.close();
    throw error;
  }
  return { ...test, label: `${test.label}, a copy of ${template}` };
}

/** The PostgreSQL template that holds the migrations alone (see `migrateFromTemplate`). */
const MIGRATED = 'migrated';

/** The run's migrated template schema (built by the schema engine), or null outside a run. */
export const postgresMigratedTemplate = () => postgresTemplate(MIGRATED, async () => {});

/**
 * `engine`: migrate through Prisma's schema engine even where a migrated template exists (the
 * template itself is built so).
 */
async function openIsolated(migrate: boolean, { keep = false, engine = false } = {}): Promise<TestDatabase> {
  if (testEngine() === 'pglite') {
    if (migrate) {
      const kept = await snapshotOrClaim('migrated');
      if (kept) return kept;
    }
    const handle = createDatabase({ engine: 'pglite', dataDir: null });
    const test = { ...handle, label: 'PGlite (memory)' };
    if (migrate) {
      await buildingSnapshot('migrated', async () => {
        await applyPendingMigrations(handle.adapter.factory);
        await keepSnapshot(test, 'migrated');
      });
    }
    return test;
  }
  const schema = `accord_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE SCHEMA "${schema}"`);
  const config: DatabaseConfig = { engine: 'postgresql', connectionString: TEST_POSTGRES_URL, schema };
  const handle = createDatabase(config);
  try {
    const template = migrate && !engine ? await postgresMigratedTemplate() : null;
    if (template) await migrateFromTemplate(schema, template);
    else if (migrate) await applyPendingMigrations(handle.adapter.factory);
  } catch (error) {
    await handle.close();
    await adminQuery(`DROP SCHEMA "${schema}" CASCADE`);
    throw error;
  }
  return {
    ...handle,
    schema,
    label: `PostgreSQL (schema ${schema})`,
    async close() {
      await handle.close();
      if (!keep) await adminQuery(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    },
  };
}

/**
 * Migrates an empty schema the way the schema engine did the template: each migration's SQL in
 * order, with the schema first on the search path (the scripts name no schema, as the engine runs
 * them), and the template's `_prisma_migrations` rows, whose checksums are those of the same files
 * (the readiness check compares them). One transaction of plain SQL instead of Prisma's WebAssembly
 * schema engine in every file: the engine costs seconds per file, and one instance serving many
 * files in a process panicked (PrismaClientRustPanicError), which kept PostgreSQL files isolated.
 */
async function migrateFromTemplate(schema: string, template: string) {
  const dir = path.join(import.meta.dirname, '..', '..', 'prisma', 'migrations');
  const scripts = fs.readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort()
    .map((name) => fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8'));
  await withAdmin(async (client) => {
    await client.query('BEGIN');
    try {
      await client.query(`SET LOCAL search_path TO "${schema}"`);
      for (const sql of scripts) await client.query(sql);
      await client.query(`CREATE TABLE "${schema}"."_prisma_migrations" (LIKE "${template}"."_prisma_migrations" INCLUDING ALL)`);
      await client.query(`INSERT INTO "${schema}"."_prisma_migrations" SELECT * FROM "${template}"."_prisma_migrations"`);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  });
}

async function adminQuery(sql: string) {
  await withAdmin((client) => client.query(sql));
}
