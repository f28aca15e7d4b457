import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import pg from 'pg';
import { createDatabase, installDatabase } from '@/server/db/client';
import { readDatabaseConfig } from '@/server/db/config';
import {
  PGLITE_DATA_ROOT, PGLITE_DIR, PGLITE_DIRECT_DIR, POSTGRES_SCHEMA, POSTGRES_SERVER, PROFILES, type Engine,
} from '../config';
import { ensureBenchAccess, type BenchAccess } from './accounts';
import { dealStatements } from './generate-deals';
import { discussionStatements } from './generate-discussion';
import { metricStatements, referenceStatements } from './generate-metrics';
import { expectedMetricRows } from './sql';

export type Dataset = {
  reused: boolean;
  generateSeconds: number | null;
  checksum: string;
  partnerships: number;
  metricRows: number;
  targetRows: number;
  milestones: number;
  checkpoints: number;
  rollouts: number;
  auditRows: number;
  /** Absent in results from before issue 15. */
  notes?: number;
  documents?: number;
};

/** The environment the app (and the project's scripts) need to open this engine's bench database. */
export function appEnv(engine: Engine): Record<string, string | undefined> {
  return engine === 'postgres'
    ? { DATABASE_URL: `${POSTGRES_SERVER}?schema=${POSTGRES_SCHEMA}`, ACCORD_DATA_DIR: undefined }
    : { DATABASE_URL: undefined, ACCORD_DATA_DIR: PGLITE_DATA_ROOT };
}

async function adminQuery(sql: string) {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** The project's own database handle (Prisma + the engine's adapter) on the bench database. */
export function openBenchDatabase(engine: Engine) {
  const env = appEnv(engine);
  return createDatabase(readDatabaseConfig({ DATABASE_URL: env.DATABASE_URL, ACCORD_DATA_DIR: env.ACCORD_DATA_DIR }));
}

/** Migrations through the project's own runner (scripts/db/migrate.ts), as an operator would. */
function migrate(engine: Engine, log: (line: string) => void) {
  const env = { ...process.env, ...appEnv(engine) };
  for (const [k, v] of Object.entries(appEnv(engine))) if (v === undefined) delete env[k];
  const run = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/db/migrate.ts'], { env, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`scripts/db/migrate.ts failed: ${run.stderr || run.stdout}`);
  log(`  migrate: ${run.stdout.trim().split('\n')[0]}`);
}

/**
 * Makes this engine's bench database ready: reuses the data when its checksum (a hash of the exact
 * generating SQL) matches, else rebuilds it from nothing: reset, migrate, generate, VACUUM ANALYZE.
 * Then creates the bench accounts and fresh tokens. For PGlite it also refreshes the bench's own
 * copy of the data directory, which the direct-SQL side reads while the app holds the original.
 */
export async function prepareDatabase(engine: Engine, log: (line: string) => void): Promise<{ dataset: Dataset; access: BenchAccess }> {
  const profile = PROFILES[engine];
  const statements = [...referenceStatements(), ...dealStatements(profile), ...discussionStatements(profile), ...metricStatements(profile)];
  const checksum = createHash('sha256').update(JSON.stringify({ profile, statements })).digest('hex').slice(0, 16);

  if (engine === 'postgres') await adminQuery(`CREATE SCHEMA IF NOT EXISTS "${POSTGRES_SCHEMA}"`);
  let handle = openBenchDatabase(engine);
  const found = await handle.db
    .$queryRawUnsafe<{ checksum: string }[]>('SELECT checksum FROM bench_dataset')
    .then((rows) => rows[0]?.checksum ?? null, () => null);
  await handle.close();
  const reused = found === checksum;
  if (!reused) {
    log(`  building the ${engine} bench database from nothing (checksum ${found ?? 'none'} -> ${checksum})`);
    if (engine === 'postgres') await adminQuery(`DROP SCHEMA IF EXISTS "${POSTGRES_SCHEMA}" CASCADE; CREATE SCHEMA "${POSTGRES_SCHEMA}"`);
    else fs.rmSync(PGLITE_DIR, { recursive: true, force: true });
  }
  migrate(engine, log);

  handle = openBenchDatabase(engine);
  let generateSeconds: number | null = null;
  try {
    if (!reused) {
      const started = performance.now();
      for (const sql of statements) {
        const t = performance.now();
        const n = await handle.db.$executeRawUnsafe(sql);
        log(`    ${sql.trim().split('\n')[0]!.slice(0, 60).padEnd(60)} ${String(n).padStart(9)} rows ${((performance.now() - t) / 1000).toFixed(1)} s`);
      }
      await handle.db.$executeRawUnsafe('VACUUM ANALYZE');
      await handle.db.$executeRawUnsafe('CREATE TABLE bench_dataset (checksum text NOT NULL, profile jsonb NOT NULL, generated_at timestamptz NOT NULL DEFAULT now())');
      await handle.db.$executeRawUnsafe('INSERT INTO bench_dataset (checksum, profile) VALUES ($1, $2::jsonb)', checksum, JSON.stringify(profile));
      generateSeconds = (performance.now() - started) / 1000;
      log(`  generated in ${generateSeconds.toFixed(1)} s (VACUUM ANALYZE included)`);
    }
    installDatabase(handle);
    const access = await ensureBenchAccess();
    const [counts] = await handle.db.$queryRawUnsafe<Record<string, bigint>[]>(`SELECT
      (SELECT count(*) FROM partnerships) AS partnerships, (SELECT count(*) FROM metric_values) AS "metricRows",
      (SELECT count(*) FROM metric_targets) AS "targetRows", (SELECT count(*) FROM milestones) AS milestones,
      (SELECT count(*) FROM regulatory_checkpoints) AS checkpoints, (SELECT count(*) FROM rollouts) AS rollouts,
      (SELECT count(*) FROM audit_events) AS "auditRows", (SELECT count(*) FROM notes) AS notes, (SELECT count(*) FROM documents) AS documents`);
    const n = (k: string) => Number(counts![k]);
    if (n('metricRows') !== expectedMetricRows(profile)) {
      throw new Error(`The ${engine} bench database has ${n('metricRows')} metric rows, expected ${expectedMetricRows(profile)}: delete it and re-run.`);
    }
    const dataset: Dataset = {
      reused, generateSeconds, checksum, partnerships: n('partnerships'), metricRows: n('metricRows'), targetRows: n('targetRows'),
      milestones: n('milestones'), checkpoints: n('checkpoints'), rollouts: n('rollouts'), auditRows: n('auditRows'),
      notes: n('notes'), documents: n('documents'),
    };
    return { dataset, access };
  } finally {
    installDatabase(undefined);
    await handle.close();
    if (engine === 'pglite') {
      // The app will own the original; the direct-SQL side reads a copy (same pages, same plans).
      fs.rmSync(PGLITE_DIRECT_DIR, { recursive: true, force: true });
      fs.cpSync(PGLITE_DIR, PGLITE_DIRECT_DIR, { recursive: true });
    }
  }
}
