import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BASE_URL, DATA_DIR, PORT, SERVER_NODE_FLAGS, type Engine } from './config';
import { appEnv } from './data/prepare';
import { request } from './http';

// A PostgreSQL deployment must be given a session secret; this one signs only bench sessions.
const BENCH_AUTH_SECRET = 'bench-only-secret-never-used-outside-npm-run-bench-0001';

/** `pid` is the process serve.sh leaves running: the app, or with several app processes their cluster's primary (decision 027). */
export type AppServer = { pid: number; processes: number; stop(): Promise<void> };

/**
 * How many app processes: `deployment` as `npm run start` decides (one per core, at most 4; on
 * PGlite behind the database process that serves them the data directory, decision 029), or `one`,
 * for what is measured per process (an export's memory peak, the metrics API's time against the
 * database's, which earlier runs measured on one process).
 */
export type Processes = 'deployment' | 'one';

function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

const SOURCES = ['app', 'components', 'lib', 'server', 'proxy.ts', 'next.config.js', 'package.json', 'prisma/schema.prisma'];

function newestSource(entry: string): number {
  if (!fs.existsSync(entry)) return 0;
  const stat = fs.statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...fs.readdirSync(entry).map((name) => newestSource(path.join(entry, name))));
}

/**
 * `next build` when there is no production build, or when a source file changed since it was made
 * (the bench measures the production app, and must not measure yesterday's code).
 */
export function ensureBuild(log: (line: string) => void) {
  const built = fs.existsSync('.next/BUILD_ID') ? fs.statSync('.next/BUILD_ID').mtimeMs : 0;
  if (built && Math.max(...SOURCES.map(newestSource)) < built) return;
  log(built ? '  sources changed since the last build: running npm run build' : '  no production build: running npm run build');
  const run = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  if (run.status !== 0) throw new Error('npm run build failed.');
}

/**
 * Starts `next start` (one process: next-server) on the bench's port against the engine's bench
 * database, and waits until /api/health says the database is ready. The server's output goes to
 * bench/.data/logs/<engine>-server.log. `nodeFlags`: V8's flags for it (BENCH_NODE_FLAGS unless given).
 */
export async function startApp(engine: Engine, database: Record<string, string | undefined> = appEnv(engine), processes: Processes = 'deployment', nodeFlags: string[] = SERVER_NODE_FLAGS): Promise<AppServer> {
  if (await portInUse(PORT)) throw new Error(`Port ${PORT} is in use; set BENCH_PORT to a free port.`);
  const env: NodeJS.ProcessEnv = {
    ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ACCORD_AUTH_SECRET: BENCH_AUTH_SECRET, ACCORD_BASE_URL: BASE_URL,
    // The load runs send thousands of API requests a minute with one token: limits that count
    // (the statement's cost is in every figure) but never refuse. Set them to measure a 429.
    ACCORD_API_RATE_LIMIT_TOKEN: process.env.ACCORD_API_RATE_LIMIT_TOKEN ?? '1000000000',
    ACCORD_API_RATE_LIMIT_USER: process.env.ACCORD_API_RATE_LIMIT_USER ?? '1000000000',
    ACCORD_PROCESSES: processes === 'one' ? '1' : undefined,
  };
  for (const [k, v] of Object.entries(database)) {
    if (v === undefined) delete env[k];
    else env[k] = v;
  }
  fs.mkdirSync(path.join(DATA_DIR, 'logs'), { recursive: true });
  const out = fs.openSync(path.join(DATA_DIR, 'logs', `${engine}-server.log`), 'a');
  // As `npm run start` serves it (scripts/serve.sh: the V8 flags of decision 023); bash execs node, so child.pid is the app's.
  const child: ChildProcess = spawn('bash', ['scripts/serve.sh', '-p', String(PORT), '-H', '127.0.0.1', '--keepAliveTimeout', '65000'], {
    env: { ...env, ACCORD_NODE_FLAGS: nodeFlags.join(' ') }, stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const server: AppServer = {
    pid: child.pid!,
    processes: 1,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}); see bench/.data/logs/${engine}-server.log`);
    try {
      const health = await request('GET', '/api/health');
      if (health.status === 200) {
        server.processes = Math.max(1, childrenOf(server.pid).filter((child) => !isDatabaseProcess(child)).length);
        return server;
      }
      if (Date.now() > deadline) throw new Error(`The app is not healthy: ${health.body}`);
    } catch (error) {
      if (Date.now() > deadline) {
        await server.stop();
        throw error;
      }
    }
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Fields of /proc/<pid>/stat after the command name (which may hold spaces); null once the process is gone. */
function statOf(pid: number): string[] | null {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  } catch {
    return null;
  }
}

/** The processes whose parent is `pid`: an app's processes under serve-cluster.mjs (decision 027). */
function childrenOf(pid: number): number[] {
  return fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name)).map(Number).filter((child) => Number(statOf(child)?.[1]) === pid);
}

/** The embedded database's own process under serve-cluster.mjs (decision 029; its title is accord-db). */
function isDatabaseProcess(pid: number): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('accord-db');
  } catch {
    return false;
  }
}

/**
 * CPU seconds (user + system) the app has used so far: the process serve.sh left running and its
 * children (the app processes when there are several, and the embedded database's process serving
 * them). A process that exited and was replaced takes its seconds with it (a crash, which the bench would see as errors anyway). Null where /proc is not there.
 */
export function appCpuSeconds(pid: number | undefined): number | null {
  if (!pid) return null;
  const own = statOf(pid);
  if (!own) return null;
  const ticks = [own, ...childrenOf(pid).map(statOf)].reduce((sum, fields) => sum + (fields ? Number(fields[11]) + Number(fields[12]) : 0), 0);
  return ticks / 100; // clock ticks, 100 per second on Linux
}

/** Resident memory of a process from /proc: current (VmRSS) and peak since the last reset (VmHWM), in MB. */
export function memoryOf(pid: number): { rssMb: number; peakMb: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+)`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: Math.round(kb('VmRSS') / 1024), peakMb: Math.round(kb('VmHWM') / 1024) };
}

/** Resets VmHWM to the current RSS (Linux clear_refs "5"), so the next peak belongs to what follows. */
export function resetPeakMemory(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
