// `npm run bench:documents` (issue 15): upload and download of a 1 MB and a 25 MB file against the
// speed of copying the file on disk, and the server's peak memory, on each engine
// (`-- --engine=postgres|pglite` for one). Needs no production build: the document routes' own
// handlers run in a small server (bench/documents-server.ts) on a database of their own
// (PGlite: bench/.data/documents/pglite; PostgreSQL: schema accord_bench_documents), made fresh
// and removed afterwards. `npm run bench` measures the same against the production app.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { operatorActor } from '@/server/auth/actor';
import { createDatabase, installDatabase } from '@/server/db/client';
import type { DatabaseConfig } from '@/server/db/config';
import { applyPendingMigrations } from '@/server/db/schema-engine';
import { createApiToken } from '@/server/tokens/mutations';
import { createCheckpoint, createPartnership, createUser } from '@/tests/factories/builders';
import { DATA_DIR, ENGINES, POSTGRES_SERVER, SERVER_NODE_FLAGS, type Engine } from './config';
import { measureDocuments, type DocumentsResult } from './measure/documents';

const PORT = Number(process.env.BENCH_DOCUMENTS_PORT ?? 3401);
const SCHEMA = process.env.BENCH_DOCUMENTS_SCHEMA ?? 'accord_bench_documents'; // another name when two checkouts bench at once
const ROOT = path.join(DATA_DIR, 'documents');
const log = (line: string) => console.log(line);

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh, migrated database with one checkpoint and a business-development token. */
async function prepare(engine: Engine) {
  let config: DatabaseConfig;
  let env: Record<string, string>;
  if (engine === 'postgres') {
    await admin(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE; CREATE SCHEMA ${SCHEMA}`);
    config = { engine: 'postgresql', connectionString: POSTGRES_SERVER, schema: SCHEMA };
    env = { DATABASE_URL: `${POSTGRES_SERVER}?schema=${SCHEMA}` };
  } else {
    fs.rmSync(ROOT, { recursive: true, force: true });
    config = { engine: 'pglite', dataDir: path.join(ROOT, 'pglite') };
    env = { ACCORD_DATA_DIR: ROOT };
  }
  const handle = createDatabase(config);
  installDatabase(handle);
  try {
    await applyPendingMigrations(handle.adapter.factory);
    const user = await createUser(handle.db, { role: 'BUSINESS_DEVELOPMENT' });
    const p = await createPartnership(handle.db, { ownerId: user.id, slug: 'bench-documents' });
    const c = await createCheckpoint(handle.db, { partnershipId: p.id, regulator: 'Bench regulator' });
    const { token } = await createApiToken(operatorActor(), { ownerId: user.id, name: 'bench', readOnly: false });
    return { env, token, checkpointId: c.id };
  } finally {
    installDatabase(undefined);
    await handle.close(); // the server opens it next (PGlite is one process)
  }
}

function startServer(env: Record<string, string>): Promise<ChildProcess> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env, NODE_ENV: 'production', BENCH_DOCUMENTS_PORT: String(PORT) };
  if (!env.DATABASE_URL) delete childEnv.DATABASE_URL;
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--conditions=react-server', '--import', 'tsx', 'bench/documents-server.ts'], { env: childEnv, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    // With BENCH_NODE_FLAGS (e.g. --trace-gc), what V8 prints goes to the server's log.
    const log = SERVER_NODE_FLAGS.length ? path.join(DATA_DIR, 'logs', 'documents-server.log') : null;
    if (log) fs.mkdirSync(path.dirname(log), { recursive: true });
    child.stdout!.on('data', (c: Buffer) => {
      if (log) fs.appendFileSync(log, c);
      if (c.toString().includes('ready')) resolve(child);
    });
    child.once('exit', (code) => reject(new Error(`bench/documents-server.ts exited (${code})`)));
  });
}

async function stop(child: ChildProcess | null) {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function benchEngine(engine: Engine): Promise<DocumentsResult> {
  log(`\n[${engine}] documents: 1 MB and 25 MB, upload and download`);
  const { env, token, checkpointId } = await prepare(engine);
  let server: ChildProcess | null = null;
  try {
    return await measureDocuments({
      baseUrl: `http://127.0.0.1:${PORT}`, token, checkpointId, log,
      restart: async () => {
        await stop(server);
        server = await startServer(env);
        return { pid: server.pid! };
      },
    });
  } finally {
    await stop(server);
    if (engine === 'postgres') await admin(`DROP SCHEMA IF EXISTS ${SCHEMA} CASCADE`);
    else fs.rmSync(ROOT, { recursive: true, force: true });
  }
}

async function main() {
  const { values } = parseArgs({ options: { engine: { type: 'string' } } });
  const engines = values.engine ? [values.engine as Engine] : ENGINES;
  if (!engines.every((e) => ENGINES.includes(e))) throw new Error(`--engine must be one of ${ENGINES.join(', ')}`);
  const results: Partial<Record<Engine, DocumentsResult>> = {};
  for (const engine of engines) results[engine] = await benchEngine(engine);
  log('\nengine   | 25 MB upload ÷ copy | 25 MB download ÷ copy | peak memory 25 MB ÷ 1 MB');
  for (const [engine, r] of Object.entries(results)) log(`${engine.padEnd(8)} | ${String(r.uploadToCopy).padEnd(19)} | ${String(r.downloadToCopy).padEnd(21)} | ${r.memoryRatio}`);
}

main().then(
  () => process.exit(0), // PGlite and the schema engine can leave timers running
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
