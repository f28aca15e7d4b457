import 'server-only';
import fs from 'node:fs';
import path from 'node:path';

/**
 * PGlite has no lock of its own and two processes on one data directory corrupt it
 * (shared/stack-notes.md, trap 7). We take an exclusive lock file beside the directory:
 * created with O_EXCL, it holds the owner's pid. A second process fails at once and names the
 * holder; a lock whose process has died (killed with SIGKILL, power loss) is taken over.
 */
export class DatabaseLockedError extends Error {
  override name = 'DatabaseLockedError';
  constructor(
    readonly lockPath: string,
    readonly holder: LockHolder,
  ) {
    super(
      `The embedded database is in use by another process: pid ${holder.pid} ` +
        `(${holder.command}, since ${holder.startedAt}). Only one process may open ${lockPath.replace(/\.lock$/, '')} ` +
        `at a time. Stop that process first, or point DATABASE_URL at a PostgreSQL server to run several.`,
    );
  }
}

export type LockHolder = { pid: number; command: string; startedAt: string };

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(lockPath: string): LockHolder | null {
  try {
    const parsed = JSON.parse(fs.readFileSync(lockPath, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid !== 'number') return null;
    return { pid: parsed.pid, command: parsed.command ?? 'unknown', startedAt: parsed.startedAt ?? 'unknown' };
  } catch {
    return null;
  }
}

export function lockPathFor(dataDir: string): string {
  return `${dataDir}.lock`;
}

/** Takes the lock or throws DatabaseLockedError. Returns a release function. */
export function acquireDataDirLock(dataDir: string): () => void {
  const lockPath = lockPathFor(dataDir);
  fs.mkdirSync(path.dirname(lockPath), { recursive: true });
  const me: LockHolder = {
    pid: process.pid,
    command: process.argv.slice(1, 3).map((a) => path.basename(a)).join(' ') || 'node',
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockPath, JSON.stringify(me), { flag: 'wx' });
      // Released by whoever closes the database, or at the latest when the process exits. Releasing
      // takes the exit listener off too: a process that opens and closes databases (a restore, the
      // test workers) would otherwise keep one listener per database it ever opened.
      const onExit = () => {
        const holder = readHolder(lockPath);
        if (holder?.pid === process.pid) fs.rmSync(lockPath, { force: true });
      };
      process.once('exit', onExit);
      return () => {
        process.removeListener('exit', onExit);
        onExit();
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = readHolder(lockPath);
    if (holder && holder.pid !== process.pid && isAlive(holder.pid)) {
      throw new DatabaseLockedError(lockPath, holder);
    }
    // Stale (its process is gone), unreadable (a crash mid-write) or our own: take it over.
    fs.rmSync(lockPath, { force: true });
  }
  throw new Error(`Could not take the database lock ${lockPath}; remove it if no Accord process is running.`);
}
