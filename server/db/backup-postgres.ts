import 'server-only';
import { spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { DatabaseConfig } from './config';

/**
 * PostgreSQL backups are pg_dump's custom format (-Fc) of the one schema Accord uses (DATABASE_URL
 * `?schema=`, else `public`), restored with pg_restore + psql in ONE transaction: the old schema
 * is dropped and the dump replayed inside it, so a failure at any point (a truncated file, a
 * full disk, a killed process) rolls back to the database as it was. docs/decisions/005-backup.md
 */
type PostgresConfig = Extract<DatabaseConfig, { engine: 'postgresql' }>;

export class BackupToolError extends Error {
  override name = 'BackupToolError';
}

/** pg_dump / pg_restore / psql: from ACCORD_PG_BIN when set, else the PATH (Debian's pg_wrapper). */
function tool(name: 'pg_dump' | 'pg_restore' | 'psql'): string {
  return process.env.ACCORD_PG_BIN ? path.join(process.env.ACCORD_PG_BIN, name) : name;
}

/** A libpq connection: the URL without Prisma-only parameters, the password in the environment (not in `ps`). */
function libpq(config: PostgresConfig): { url: string; env: NodeJS.ProcessEnv } {
  const url = new URL(config.connectionString);
  for (const p of ['schema', 'connection_limit', 'pool_timeout', 'pgbouncer', 'statement_cache_size', 'socket_timeout']) url.searchParams.delete(p);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  url.password = '';
  return { url: url.toString(), env };
}

export const schemaOf = (config: PostgresConfig) => config.schema ?? 'public';
const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function run(command: string, args: string[], env: NodeJS.ProcessEnv): string {
  const result = spawnSync(command, args, { env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) {
    const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new BackupToolError(missing ? `${command} was not found: install the PostgreSQL client tools (Debian: postgresql-client) or set ACCORD_PG_BIN.` : result.error.message);
  }
  if (result.status !== 0) throw new BackupToolError(`${path.basename(command)} failed: ${result.stderr.trim() || `exit code ${result.status}`}`);
  return result.stdout;
}

export function dumpPostgres(config: PostgresConfig, file: string): void {
  const { url, env } = libpq(config);
  run(tool('pg_dump'), ['--format=custom', `--schema=${schemaOf(config)}`, '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${url}`], env);
}

/** The schema a dump holds, read from its table of contents (also proves the file is a readable archive). */
export function dumpedSchema(file: string): string {
  const toc = run(tool('pg_restore'), ['--list', file], process.env);
  const schemas = new Set([...toc.matchAll(/^\d+; \d+ \d+ SCHEMA - (\S+) /gm)].map((m) => m[1]!));
  const [schema, ...more] = [...schemas];
  if (!schema || more.length) throw new BackupToolError(`Expected a dump of one schema, found ${schemas.size} (${[...schemas].join(', ')}). Make backups with npm run db:backup.`);
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new BackupToolError(`The dump's schema "${schema}" is not a name Accord uses (lower-case letters, digits, underscores).`);
  return schema;
}

/**
 * Replaces the configured schema with the dump's content, all or nothing. When the dump comes from
 * another schema name, it is restored under that name and renamed (a schema of that name that
 * already exists is moved aside for the moment, and put back).
 */
export async function restorePostgres(config: PostgresConfig, file: string): Promise<void> {
  let source: string;
  try {
    source = dumpedSchema(file);
  } catch (error) {
    // A file cut short inside its table of contents (a small database's dump is mostly that).
    throw new BackupToolError(`${file} cannot be read as a backup: ${error instanceof Error ? error.message : error}. Nothing was changed.`);
  }
  const target = schemaOf(config);
  const aside = `accord_restore_${randomBytes(4).toString('hex')}`;
  const { url, env } = libpq(config);
  const before = [
    '\\set ON_ERROR_STOP on',
    'BEGIN;',
    // Fail rather than hang when a long transaction holds the tables; the app waits meanwhile.
    "SET LOCAL lock_timeout = '60s';",
    `DROP SCHEMA IF EXISTS ${quote(target)} CASCADE;`,
    // The search indexes use pg_trgm from the database-wide `extensions` schema, which a dump of
    // Accord's schema does not hold (migration 20261202103000_search): a fresh server gets it here.
    'CREATE SCHEMA IF NOT EXISTS extensions;',
    'CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA extensions;',
    ...(source === target ? [] : [`DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '${source}') THEN EXECUTE 'ALTER SCHEMA ${quote(source)} RENAME TO ${aside}'; END IF; END $$;`]),
    '',
  ].join('\n');
  const after = [
    '',
    ...(source === target ? [] : [
      `ALTER SCHEMA ${quote(source)} RENAME TO ${quote(target)};`,
      `DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '${aside}') THEN EXECUTE 'ALTER SCHEMA ${aside} RENAME TO ${quote(source)}'; END IF; END $$;`,
    ]),
    'COMMIT;',
    '',
  ].join('\n');

  const psql = spawn(tool('psql'), ['-X', '-q', '-v', 'ON_ERROR_STOP=1', `--dbname=${url}`, '-f', '-'], { env, stdio: ['pipe', 'ignore', 'pipe'] });
  const restore = spawn(tool('pg_restore'), ['--no-owner', '--no-privileges', '--file=-', file], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let psqlErr = '';
  let restoreErr = '';
  psql.stderr.on('data', (c: Buffer) => (psqlErr += c.toString()));
  restore.stderr.on('data', (c: Buffer) => (restoreErr += c.toString()));
  psql.stdin.on('error', () => {}); // psql stopped on an error: its exit code says so
  const psqlExit = exitOf(psql);
  const restoreExit = exitOf(restore);

  psql.stdin.write(before);
  restore.stdout.pipe(psql.stdin, { end: false });
  const restoreCode = await restoreExit;
  // COMMIT only after pg_restore produced the whole script. Otherwise psql reaches the end of its
  // input inside the open transaction and PostgreSQL rolls everything back.
  if (restoreCode === 0) psql.stdin.end(after);
  else psql.stdin.end();
  const psqlCode = await psqlExit;
  if (restoreCode !== 0) throw new BackupToolError(`pg_restore could not read ${file}: ${restoreErr.trim() || `exit code ${restoreCode}`}. Nothing was changed.`);
  if (psqlCode !== 0) throw new BackupToolError(`The restore failed and was rolled back; nothing was changed: ${psqlErr.trim() || `psql exit code ${psqlCode}`}`);
}

function exitOf(child: ReturnType<typeof spawn>): Promise<number> {
  return new Promise((resolve, reject) => {
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? new BackupToolError(`${child.spawnfile} was not found: install the PostgreSQL client tools or set ACCORD_PG_BIN.`) : error),
    );
    child.once('close', (code) => resolve(code ?? 1));
  });
}

export const isPgDump = (head: Buffer) => head.subarray(0, 5).toString('latin1') === 'PGDMP';
