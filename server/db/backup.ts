import 'server-only';
import fs from 'node:fs';
import path from 'node:path';
import { dumpPglite, restorePglite, verifyPgliteDump } from './backup-pglite';
import { BackupToolError, dumpedSchema, dumpPostgres, isPgDump, restorePostgres } from './backup-postgres';
import { describeDatabase, type DatabaseConfig, type DatabaseEngine } from './config';

/**
 * `npm run db:backup` / `npm run db:restore` for either engine (issue 8; decision 005).
 * A backup is written to `<file>.partial` and renamed once complete and verified, so a file with
 * the final name is always a whole backup. A restore is all or nothing.
 */
export { BackupToolError };

export type BackupSummary = { file: string; bytes: number; engine: DatabaseEngine; database: string };

const EXTENSION: Record<DatabaseEngine, string> = { pglite: 'tar.gz', postgresql: 'dump' };

export function defaultBackupFile(config: DatabaseConfig, now = new Date()): string {
  const stamp = now.toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '-');
  return path.join('backups', `accord-${config.engine}-${stamp}.${EXTENSION[config.engine]}`);
}

export async function backupDatabase(config: DatabaseConfig, file = defaultBackupFile(config)): Promise<BackupSummary> {
  if (config.engine === 'pglite' && !config.dataDir) throw new BackupToolError('An in-memory database cannot be backed up.');
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const partial = `${file}.partial`;
  try {
    if (config.engine === 'pglite') {
      await dumpPglite(config.dataDir!, partial);
      await verifyPgliteDump(partial);
    } else {
      dumpPostgres(config, partial);
      dumpedSchema(partial); // pg_restore can read its table of contents
    }
    fs.renameSync(partial, file);
  } finally {
    fs.rmSync(partial, { force: true });
  }
  return { file, bytes: fs.statSync(file).size, engine: config.engine, database: describeDatabase(config) };
}

/** Which engine made this backup, from its first bytes (pg_dump's "PGDMP", or gzip). */
export function backupEngine(file: string): DatabaseEngine | null {
  const head = Buffer.alloc(5);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, head, 0, 5, 0);
  } finally {
    fs.closeSync(fd);
  }
  if (isPgDump(head)) return 'postgresql';
  if (head[0] === 0x1f && head[1] === 0x8b) return 'pglite';
  return null;
}

export async function restoreDatabase(config: DatabaseConfig, file: string): Promise<{ engine: DatabaseEngine; database: string }> {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) throw new BackupToolError(`No backup file at ${file}.`);
  const made = backupEngine(file);
  if (!made) throw new BackupToolError(`${file} is not an Accord backup (neither a pg_dump archive nor an embedded-database tarball).`);
  if (made !== config.engine) {
    const names = { pglite: 'the embedded database (PGlite)', postgresql: 'PostgreSQL' };
    throw new BackupToolError(
      `${file} is a backup of ${names[made]}, but the configured database is ${names[config.engine]} (${describeDatabase(config)}). ` +
        `Restore it into the same kind of database${made === 'postgresql' ? ' (set DATABASE_URL)' : ' (unset DATABASE_URL)'}.`,
    );
  }
  if (config.engine === 'pglite') {
    if (!config.dataDir) throw new BackupToolError('An in-memory database cannot be restored into.');
    await restorePglite(config.dataDir, file);
  } else {
    await restorePostgres(config, file);
  }
  return { engine: config.engine, database: describeDatabase(config) };
}
