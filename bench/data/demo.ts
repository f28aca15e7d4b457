import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { DATA_DIR, POSTGRES_SERVER, type Engine } from '../config';

/**
 * The demo world (`npm run db:seed`: Apple Pay × Alipay and its fictional neighbours) in a bench
 * database of its own, migrated and seeded by the project's own scripts, for the page figures "on
 * the demo data" (issue 14, goal 1). Built afresh each run: the seed takes about a minute.
 */
export const DEMO_SCHEMA = 'accord_bench_demo';
export const DEMO_DATA_ROOT = path.join(DATA_DIR, 'demo');
export const DEMO_LOGIN = { email: 'executive@accord.local', password: 'accord-demo' };

export function demoEnv(engine: Engine): Record<string, string | undefined> {
  return engine === 'postgres'
    ? { DATABASE_URL: `${POSTGRES_SERVER}?schema=${DEMO_SCHEMA}`, ACCORD_DATA_DIR: undefined }
    : { DATABASE_URL: undefined, ACCORD_DATA_DIR: DEMO_DATA_ROOT };
}

export async function prepareDemo(engine: Engine, log: (line: string) => void) {
  if (engine === 'postgres') {
    const client = new pg.Client({ connectionString: POSTGRES_SERVER });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${DEMO_SCHEMA} CASCADE`);
      await client.query(`CREATE SCHEMA ${DEMO_SCHEMA}`);
    } finally {
      await client.end();
    }
  } else {
    fs.rmSync(DEMO_DATA_ROOT, { recursive: true, force: true });
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [k, v] of Object.entries(demoEnv(engine))) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  for (const script of ['scripts/db/migrate.ts', 'prisma/seed.ts']) {
    const run = spawnSync(process.execPath, ['--conditions=react-server', '--import', 'tsx', script], { env, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`${script} failed on the demo database: ${run.stderr || run.stdout}`);
  }
  log(`  demo world migrated and seeded (${engine})`);
}
