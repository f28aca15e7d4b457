import 'server-only';
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { PGlite } from '@electric-sql/pglite';
import { BackupToolError } from './backup-postgres';
import { createPglite } from './pglite';
import { acquireDataDirLock, DatabaseLockedError } from './pglite-lock';

/**
 * Embedded-database backups are PGlite's own dump of its data directory (`dumpDataDir`, a gzipped
 * tarball). PGlite is one process (stack notes, trap 7): backup and restore take the data
 * directory's lock, so they refuse while the app runs. A restore unpacks into a sibling directory,
 * checks it opens as an Accord database, and only then swaps it in. docs/decisions/005-backup.md
 */
const stagingDir = (dataDir: string) => `${dataDir}.restoring`;
const previousDir = (dataDir: string) => `${dataDir}.before-restore`;

function lockFor(dataDir: string, doing: string): () => void {
  try {
    return acquireDataDirLock(dataDir);
  } catch (error) {
    if (!(error instanceof DatabaseLockedError)) throw error;
    const { pid, command, startedAt } = error.holder;
    throw new BackupToolError(
      `Cannot ${doing} the embedded database while another process uses it: pid ${pid} (${command}, since ${startedAt}). ` +
        'Stop the app (or that process) first, then run this again.',
    );
  }
}

async function assertAccordDatabase(pglite: PGlite) {
  const { rows } = await pglite.query<{ migrations: boolean }>(`SELECT to_regclass('_prisma_migrations') IS NOT NULL AS migrations`);
  if (!rows[0]?.migrations) throw new BackupToolError('it holds no Accord database (no _prisma_migrations table)');
}

export async function dumpPglite(dataDir: string, file: string): Promise<void> {
  const release = lockFor(dataDir, 'back up');
  try {
    assertNoInterruptedRestore(dataDir);
    if (!fs.existsSync(`${dataDir}/PG_VERSION`)) throw new BackupToolError(`There is no embedded database at ${dataDir}: nothing to back up.`);
    const pglite = await createPglite({ dataDir });
    try {
      await assertAccordDatabase(pglite);
      const tarball = await pglite.dumpDataDir('gzip');
      fs.writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}

/**
 * The tarball, unzipped here: a damaged gzip must be a clear error, and PGlite's own unzipping
 * leaves the stream's failure as an unhandled rejection (which ends a Node process).
 */
function readTarball(file: string): Uint8Array {
  try {
    return zlib.gunzipSync(fs.readFileSync(file));
  } catch (error) {
    throw new BackupToolError(`${file} is damaged (${error instanceof Error ? error.message : error}). Nothing was changed.`);
  }
}

/** Proves a tarball opens as an Accord database (in memory; nothing on disk changes). */
export async function verifyPgliteDump(file: string): Promise<void> {
  const pglite = await createPglite({ loadDataDir: readTarball(file) });
  try {
    await assertAccordDatabase(pglite);
  } finally {
    await pglite.close();
  }
}

export async function restorePglite(dataDir: string, file: string): Promise<void> {
  const tarball = readTarball(file);
  const release = lockFor(dataDir, 'restore');
  try {
    // An earlier restore killed between its renames: put the previous database back first.
    if (!fs.existsSync(dataDir) && fs.existsSync(previousDir(dataDir))) fs.renameSync(previousDir(dataDir), dataDir);
    const staging = stagingDir(dataDir);
    fs.rmSync(staging, { recursive: true, force: true }); // left by a restore that was killed
    fs.mkdirSync(staging, { recursive: true });
    try {
      const pglite = await createPglite({ dataDir: staging, loadDataDir: tarball });
      try {
        await assertAccordDatabase(pglite);
      } finally {
        await pglite.close();
      }
    } catch (error) {
      fs.rmSync(staging, { recursive: true, force: true });
      const reason = error instanceof Error ? error.message : String(error);
      throw new BackupToolError(`${file} is not a usable backup of the embedded database (${reason}). Nothing was changed.`);
    }
    // Two renames on one file system. Between them the database directory is missing for an
    // instant; assertNoInterruptedRestore stops anything from starting on an empty one then.
    const previous = previousDir(dataDir);
    fs.rmSync(previous, { recursive: true, force: true });
    if (fs.existsSync(dataDir)) fs.renameSync(dataDir, previous);
    fs.renameSync(staging, dataDir);
    fs.rmSync(previous, { recursive: true, force: true });
  } finally {
    release();
  }
}

/**
 * A restore killed between its two renames leaves no data directory but the previous one beside
 * it. Refuse to start (which would create an empty database) and say how to finish by hand.
 */
export function assertNoInterruptedRestore(dataDir: string): void {
  if (fs.existsSync(dataDir) || !fs.existsSync(previousDir(dataDir))) return;
  const restored = fs.existsSync(stagingDir(dataDir)) ? ` The restored copy is in ${stagingDir(dataDir)}.` : '';
  throw new BackupToolError(
    `A restore of the embedded database was interrupted: ${dataDir} is missing and the database as it was before is in ${previousDir(dataDir)}.${restored} ` +
      `Rename one of them to ${dataDir}, or run npm run db:restore again, then start Accord.`,
  );
}
