import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDatabase } from '@/server/db/client';
import { acquireDataDirLock, DatabaseLockedError, lockPathFor } from '@/server/db/pglite-lock';

let child: ChildProcess | null = null;
const tempDirs: string[] = [];

function tempDataDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-lock-'));
  tempDirs.push(dir);
  return path.join(dir, 'pglite');
}

afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
  for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('embedded database lock', () => {
  it('refuses a second process at once and names the process that holds the database', async () => {
    const dataDir = tempDataDir();
    // One node process (not the tsx wrapper, which forks): its pid is the one the lock must name.
    child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/support/hold-database.ts', dataDir], {
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      child!.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
      child!.once('exit', (code) => reject(new Error(`holder exited with ${code}`)));
    });

    const second = createDatabase({ engine: 'pglite', dataDir });
    const started = Date.now();
    const error = await second.db.$queryRaw`SELECT 1`.catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(error).toBeInstanceOf(DatabaseLockedError);
    expect((error as Error).message).toContain(`pid ${child.pid}`);
    expect((error as Error).message).toContain(dataDir);
    expect((error as Error).message).toMatch(/Stop that process first/);

    // Once the holder stops, the same handle opens on its next query: no restart needed.
    const exited = new Promise((resolve) => child!.once('exit', resolve));
    child.stdin!.end();
    await exited;
    child = null;
    const [row] = await second.db.$queryRaw<{ ok: number }[]>`SELECT 1 AS ok`;
    expect(row?.ok).toBe(1);
    await second.close();
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dataDir = tempDataDir();
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    fs.writeFileSync(lockPathFor(dataDir), JSON.stringify({ pid: 2 ** 22 + 12345, command: 'gone', startedAt: 'then' }));
    const release = acquireDataDirLock(dataDir);
    expect(JSON.parse(fs.readFileSync(lockPathFor(dataDir), 'utf8')).pid).toBe(process.pid);
    release();
    expect(fs.existsSync(lockPathFor(dataDir))).toBe(false);
  });

  it('releases the lock on close so the next process can open the database', async () => {
    const dataDir = tempDataDir();
    const first = createDatabase({ engine: 'pglite', dataDir });
    await first.db.$queryRaw`SELECT 1`;
    expect(fs.existsSync(lockPathFor(dataDir))).toBe(true);
    await first.close();
    expect(fs.existsSync(lockPathFor(dataDir))).toBe(false);
  });

  it('leaves no exit listener behind once released: a process may open and close many databases', () => {
    const before = process.listenerCount('exit');
    for (let i = 0; i < 12; i++) {
      const release = acquireDataDirLock(tempDataDir());
      expect(process.listenerCount('exit')).toBe(before + 1);
      release();
      release(); // twice is harmless
    }
    expect(process.listenerCount('exit')).toBe(before);
  });
});
