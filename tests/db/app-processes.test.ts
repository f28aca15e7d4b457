import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runScript, startAppServer, type AppServer } from '@/tests/support/app-server';
import { openTestDatabase, TEST_POSTGRES_URL, testEngine, type TestDatabase } from '@/tests/support/test-database';

/**
 * Decision 027: scripts/serve.sh serves from several processes on one port (scripts/serve-cluster.mjs);
 * on the embedded database behind a database process that holds the data directory and serves it to
 * them on a Unix socket (decision 029); an in-memory database refuses more than one. The production server,
 * started as every caller starts it (tests/support/app-server.ts). Needs `npm run build` (npm test
 * builds before Vitest); without one the PostgreSQL half is skipped, and fails under CI=true.
 */
const BUILT = fs.existsSync('.next/BUILD_ID');
const ON_POSTGRES = testEngine() === 'postgresql';

/** The app processes whose parent is `pid`, with their CPU ticks (user + system) so far (`database`: the embedded database's process instead). */
function childrenOf(pid: number, which: 'app' | 'database' = 'app'): { pid: number; ticks: number }[] {
  return fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).flatMap((name) => {
    try {
      const fields = fs.readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]!.split(' ');
      if (Number(fields[1]) !== pid) return [];
      const isDatabase = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').startsWith('accord-db');
      return isDatabase === (which === 'database') ? [{ pid: Number(name), ticks: Number(fields[11]) + Number(fields[12]) }] : [];
    } catch {
      return []; // exited while listed
    }
  });
}

/** GET on a connection of its own (no keep-alive): the cluster hands each new connection to the next process. */
function getOnNewConnection(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http.get(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    }).on('error', reject);
  });
}

async function until<T>(what: string, read: () => T | undefined, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}.`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.runIf(!ON_POSTGRES)('app processes on the embedded database', () => {
  it('refuses more than one on an in-memory database, saying why and what to do', async () => {
    const started = startAppServer({ DATABASE_URL: 'memory://', ACCORD_PROCESSES: '2' });
    await expect(started).rejects.toThrow(/ACCORD_PROCESSES=2 cannot share an in-memory database: it belongs to one process\. Leave DATABASE_URL unset/);
  });

  it('refuses PostgreSQL without a session secret, before reaching the database, saying how to make one', async () => {
    // Until 2026-12-06 the app started and answered every sign-in "Email or password is incorrect."
    const started = startAppServer({ DATABASE_URL: 'postgres://accord@127.0.0.1:1/nowhere', ACCORD_AUTH_SECRET: undefined, BETTER_AUTH_SECRET: undefined });
    await expect(started).rejects.toThrow(/accord: On PostgreSQL set ACCORD_AUTH_SECRET: 32 or more random characters.*For example: export ACCORD_AUTH_SECRET=/);
  });

  it('refuses a number it cannot read', async () => {
    await expect(startAppServer({ ACCORD_PROCESSES: 'two' })).rejects.toThrow(/ACCORD_PROCESSES must be "auto" or a whole number from 1 to 64/);
  });

  it('refuses a compression setting it cannot read, naming the two it takes', async () => {
    await expect(startAppServer({ ACCORD_COMPRESS: 'yes', ACCORD_PROCESSES: '1' })).rejects.toThrow(/ACCORD_COMPRESS must be "on" \(the default: the app compresses its answers\) or "off" \(a proxy in front compresses them\), not "yes"/);
  });
});

describe.runIf(!ON_POSTGRES && !BUILT)('app processes on the embedded database', () => {
  it('needs a production build', (ctx) => {
    if (process.env.CI === 'true') throw new Error('No production build (.next/BUILD_ID): run npm run build first. CI requires it.');
    ctx.skip('No production build (.next/BUILD_ID).');
  });
});

describe.runIf(!ON_POSTGRES && BUILT)('app processes on the embedded database, behind its database process (decision 029)', () => {
  let dataDir: string;
  let server: AppServer | undefined;
  const lockHolder = () => (JSON.parse(fs.readFileSync(path.join(dataDir, 'pglite.lock'), 'utf8')) as { pid: number; command: string }).pid;

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-processes-'));
    await runScript('scripts/db/migrate.ts', { ACCORD_DATA_DIR: dataDir, DATABASE_URL: '' });
    server = await startAppServer({ DATABASE_URL: undefined, ACCORD_DATA_DIR: dataDir, ACCORD_PROCESSES: '2', ACCORD_JOBS: 'off', ACCORD_AUTH_SECRET: undefined, BETTER_AUTH_SECRET: undefined });
  });

  afterAll(async () => {
    await server?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves from two app processes, while one database process alone holds the data directory', async () => {
    const apps = await until('two app processes', () => (childrenOf(server!.pid).length === 2 ? childrenOf(server!.pid) : undefined));
    const [database] = childrenOf(server!.pid, 'database');
    expect(database).toBeDefined();
    expect(lockHolder()).toBe(database!.pid); // not an app process: none of them opens the directory
    expect(server!.output()).toMatch(new RegExp(`accord: embedded PGlite at ${dataDir}/pglite is served to the app processes by process ${database!.pid}`));
    const answers = [];
    for (let i = 0; i < 40; i++) answers.push(await getOnNewConnection(`${server!.url}/api/health`));
    expect(answers.filter((status) => status !== 200)).toEqual([]);
    expect(await (await fetch(`${server!.url}/api/health`)).json()).toEqual({ status: 'ok', database: 'pglite', migrations: 'up-to-date' });
    // Each app process answered some (CPU ticks are 10 ms; 20 answers are more).
    for (const p of childrenOf(server!.pid)) expect(p.ticks).toBeGreaterThan(apps.find((b) => b.pid === p.pid)!.ticks);
  });

  it('refuses a second deployment on the same data directory at once, naming the process that holds it', async () => {
    const second = startAppServer({ DATABASE_URL: undefined, ACCORD_DATA_DIR: dataDir, ACCORD_PROCESSES: '2', ACCORD_JOBS: 'off' });
    await expect(second).rejects.toThrow(new RegExp(`The embedded database is in use by another process: pid ${lockHolder()} \\(serve-embedded\\.ts`));
    expect((await fetch(`${server!.url}/api/health`)).status).toBe(200); // the first serves on
  });

  it('stops every process, the database last, releasing the directory, when asked to stop', async () => {
    const all = [...childrenOf(server!.pid), ...childrenOf(server!.pid, 'database')];
    const socketDir = readEnviron(childrenOf(server!.pid)[0]!.pid).ACCORD_EMBEDDED_SOCKET!; // as the primary told its app processes
    expect(fs.existsSync(path.join(socketDir, '.s.PGSQL.5432'))).toBe(true);
    await server!.stop();
    expect(server!.alive()).toBe(false);
    await until('every process gone', () => (all.every((p) => !fs.existsSync(`/proc/${p.pid}`)) ? true : undefined), 15_000);
    expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
    expect(fs.existsSync(socketDir)).toBe(false);
    expect(server!.output()).not.toMatch(/exited \(|failed/);
  });

  it('stops the app processes when the database process dies, and the next start takes over its lock', async () => {
    const again = await startAppServer({ DATABASE_URL: undefined, ACCORD_DATA_DIR: dataDir, ACCORD_PROCESSES: '2', ACCORD_JOBS: 'off' });
    try {
      const apps = await until('two app processes', () => (childrenOf(again.pid).length === 2 ? childrenOf(again.pid) : undefined));
      const [database] = childrenOf(again.pid, 'database');
      process.kill(database!.pid, 'SIGKILL');
      await until('the deployment stopped', () => (again.alive() ? undefined : true), 15_000);
      expect(again.output()).toContain(`accord: the embedded database's process (pid ${database!.pid}) exited (SIGKILL); stopping the app processes.`);
      await until('every app process gone', () => (apps.every((p) => !fs.existsSync(`/proc/${p.pid}`)) ? true : undefined), 15_000);
    } finally {
      await again.stop();
    }
    // The lock its killed holder left is taken over by the next start (server/db/pglite-lock.ts).
    const third = await startAppServer({ DATABASE_URL: undefined, ACCORD_DATA_DIR: dataDir, ACCORD_PROCESSES: '2', ACCORD_JOBS: 'off' });
    try {
      expect((await fetch(`${third.url}/api/health`)).status).toBe(200);
    } finally {
      await third.stop();
    }
  });
});

/** A process's environment, from /proc. */
function readEnviron(pid: number): Record<string, string> {
  return Object.fromEntries(fs.readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
}

describe.runIf(ON_POSTGRES && !BUILT)('app processes on PostgreSQL', () => {
  it('needs a production build', (ctx) => {
    if (process.env.CI === 'true') throw new Error('No production build (.next/BUILD_ID): run npm run build first. CI requires it.');
    ctx.skip('No production build (.next/BUILD_ID).');
  });
});

describe.runIf(ON_POSTGRES && BUILT)('app processes on PostgreSQL', () => {
  let t: TestDatabase;
  let server: AppServer | undefined;

  beforeAll(async () => {
    t = await openTestDatabase();
    const database = new URL(TEST_POSTGRES_URL);
    database.searchParams.set('schema', t.schema!);
    // Also the one server started with compression off (decision 023, addendum 2026-12-07), as a
    // deployment behind a compressing proxy runs: the default is checked by the OpenAPI contract's server.
    server = await startAppServer({ DATABASE_URL: database.toString(), NODE_ENV: 'production', ACCORD_PROCESSES: '2', ACCORD_JOBS: 'off', ACCORD_COMPRESS: 'off' });
  });

  it('with ACCORD_COMPRESS=off, answers a page uncompressed even to a client that asks (the proxy in front compresses)', async () => {
    const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
      http.get(`${server!.url}/sign-in`, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } }, (r) => {
        r.resume();
        r.on('end', () => resolve(r));
      }).on('error', reject);
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
  });

  afterAll(async () => {
    await server?.stop();
    await t?.close();
  });

  it('serves from two processes on one port, each taking connections', async () => {
    const before = await until('two app processes', () => (childrenOf(server!.pid).length === 2 ? childrenOf(server!.pid) : undefined));
    expect(server!.output()).toContain('accord: serving from 2 app processes on one port');
    const answers = [];
    for (let i = 0; i < 60; i++) answers.push(await getOnNewConnection(`${server!.url}/api/health`));
    expect(answers.every((status) => status === 200)).toBe(true);
    const after = childrenOf(server!.pid);
    expect(after.map((p) => p.pid).sort()).toEqual(before.map((p) => p.pid).sort());
    // Each process worked for its half of the connections (CPU ticks are 10 ms; 30 answers are more).
    for (const p of after) expect(p.ticks).toBeGreaterThan(before.find((b) => b.pid === p.pid)!.ticks);
  });

  it('puts another process in the place of one that died, and keeps serving', async () => {
    const [victim, survivor] = childrenOf(server!.pid);
    process.kill(victim!.pid, 'SIGKILL');
    const replaced = await until('a new app process', () => {
      const now = childrenOf(server!.pid);
      return now.length === 2 && !now.some((p) => p.pid === victim!.pid) ? now : undefined;
    });
    expect(replaced.map((p) => p.pid)).toContain(survivor!.pid);
    // Said on stderr (read from the pipe, which may arrive after the new process shows in /proc).
    const said = `accord: app process ${victim!.pid} exited (SIGKILL); starting another.`;
    await until('the replacement said on stderr', () => (server!.output().includes(said) ? true : undefined), 5_000);
    for (let i = 0; i < 10; i++) expect(await getOnNewConnection(`${server!.url}/api/health`)).toBe(200);
  });

  it('stops every process when asked to stop', async () => {
    const children = childrenOf(server!.pid);
    await server!.stop();
    expect(server!.alive()).toBe(false);
    await until('every app process gone', () => (children.every((p) => !fs.existsSync(`/proc/${p.pid}`)) ? true : undefined), 15_000);
  });
});
