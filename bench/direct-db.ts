import { spawn } from 'node:child_process';
import pg from 'pg';
import { createPglite } from '@/server/db/pglite';
import { PGLITE_DIRECT_DIR, POSTGRES_SCHEMA, POSTGRES_SERVER, type Engine } from './config';

/**
 * The database on its own, without the app: the baseline every app figure is divided by.
 * PostgreSQL: the `pg` driver for queries (what the app's adapter uses too) and psql for COPY.
 * PGlite runs inside the process that opens it, and the app's server holds the bench data
 * directory, so the bench reads its own copy of it (same pages, same statistics, same plans) in
 * this process: an in-process query is exactly what PGlite costs the app, without the app.
 */
export type DirectDb = {
  query(sql: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** COPY (sql) to the client as CSV with a header; rows counted, not kept. */
  copyCsv(sql: string): Promise<{ rows: number; bytes: number; ms: number }>;
  close(): Promise<void>;
};

export async function openDirect(engine: Engine): Promise<DirectDb> {
  return engine === 'postgres' ? openPostgres() : openPglite();
}

async function openPostgres(): Promise<DirectDb> {
  const client = new pg.Client({ connectionString: POSTGRES_SERVER, options: `-c search_path=${POSTGRES_SCHEMA}` });
  await client.connect();
  return {
    async query(sql, params = []) {
      return (await client.query(sql, params)).rows as Record<string, unknown>[];
    },
    copyCsv(sql) {
      return new Promise((resolve, reject) => {
        const started = performance.now();
        const psql = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', POSTGRES_SERVER, '-c', `COPY (${sql}) TO STDOUT WITH (FORMAT csv, HEADER)`], {
          env: { ...process.env, PGOPTIONS: `-c search_path=${POSTGRES_SCHEMA}` },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let bytes = 0;
        let lines = 0;
        let stderr = '';
        psql.stdout.on('data', (c: Buffer) => {
          bytes += c.length;
          for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++;
        });
        psql.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        psql.on('error', reject);
        psql.on('close', (code) => {
          if (code !== 0) reject(new Error(`psql COPY failed: ${stderr}`));
          else resolve({ rows: lines - 1, bytes, ms: performance.now() - started });
        });
      });
    },
    close: () => client.end(),
  };
}

async function openPglite(): Promise<DirectDb> {
  const db = await createPglite({ dataDir: PGLITE_DIRECT_DIR });
  return {
    async query(sql, params = []) {
      return (await db.query<Record<string, unknown>>(sql, params)).rows;
    },
    async copyCsv(sql) {
      const started = performance.now();
      const result = await db.query(`COPY (${sql}) TO '/dev/blob' WITH (FORMAT csv, HEADER)`);
      const ms = performance.now() - started;
      const bytes = new Uint8Array(await result.blob!.arrayBuffer());
      let lines = 0;
      for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) lines++;
      return { rows: lines - 1, bytes: bytes.length, ms };
    },
    close: () => db.close(),
  };
}
