// Several app processes on one port (docs/decisions/027-app-processes.md), started by scripts/serve.sh
// when scripts/app-processes.mjs says more than one: `serve-cluster.mjs N <next's bin> start <args>`.
// Node's cluster module: this process accepts the connections and hands each to a process in turn;
// requests then go straight to that process. The V8 flags this process was given pass on to each.
//
// With --embedded (the embedded database, decision 029), a database process starts first
// (scripts/db/serve-embedded.ts): it holds the data directory and serves it on a Unix socket, whose
// directory the app processes get as ACCORD_EMBEDDED_SOCKET. It stops last, after every app process;
// if it exits while they serve, everything stops with exit code 1 (a process manager then restarts
// the whole, as it would one `next start` whose database failed).
//
// - SIGTERM or SIGINT: passed on to every process; exits when they have (with 0).
// - A process that exits before it ever listened (a port in use, a bad setting): everything stops,
//   with its exit code, as one `next start` would have.
// - A process that exits later (a crash): another takes its place, said on stderr; more than five
//   such exits in a minute stop everything with exit code 1 (a process manager then sees it).
import { fork } from 'node:child_process';
import cluster from 'node:cluster';

const argv = process.argv.slice(2);
const count = argv.shift();
const embedded = argv[0] === '--embedded';
if (embedded) argv.shift();
const [bin, ...args] = argv;
const wanted = Number(count);
if (!Number.isInteger(wanted) || wanted < 2 || !bin) {
  console.error('usage: serve-cluster.mjs N(≥2) [--embedded] <next bin> start [options]');
  process.exit(2);
}

const CRASHES_ALLOWED = 5;
const CRASH_WINDOW_MS = 60_000;
let stopping = false;
let exitCode = 0;
const listened = new Set();
let crashes = [];

cluster.setupPrimary({ exec: bin, args });
/** The app processes' own environment: where the embedded database is served, when it is. */
let workerEnv = {};
/** The embedded database's process (decision 029), while it runs. */
let database = null;

function start() {
  const worker = cluster.fork(workerEnv);
  worker.once('listening', () => listened.add(worker.id));
}

/** Exits once the app processes have, and after them the database process (it closes the data directory cleanly). */
function finish() {
  if (!database) process.exit(exitCode);
  database.once('exit', () => process.exit(exitCode));
  database.kill('SIGTERM');
  // Closing PGlite takes a moment (a checkpoint); one that hangs is killed (the lock is then stale, taken over at the next start).
  setTimeout(() => database?.kill('SIGKILL'), 20_000).unref();
}

function stop(code, signal) {
  if (!stopping) exitCode = code;
  stopping = true;
  const running = Object.values(cluster.workers ?? {});
  if (running.length === 0) return finish();
  for (const worker of running) worker?.process.kill(signal);
}

cluster.on('exit', (worker, code, signal) => {
  const how = signal ?? `code ${code}`;
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) finish();
    return;
  }
  if (!listened.has(worker.id)) {
    console.error(`accord: an app process (pid ${worker.process.pid}) exited before it served (${how}); stopping the others.`);
    stop(typeof code === 'number' && code !== 0 ? code : 1, 'SIGTERM');
    return;
  }
  const now = Date.now();
  crashes = [...crashes.filter((at) => now - at < CRASH_WINDOW_MS), now];
  if (crashes.length > CRASHES_ALLOWED) {
    console.error(`accord: app processes exited ${crashes.length} times in a minute (the last: pid ${worker.process.pid}, ${how}); stopping.`);
    stop(1, 'SIGTERM');
    return;
  }
  console.error(`accord: app process ${worker.process.pid} exited (${how}); starting another.`);
  start();
});

process.on('SIGTERM', () => stop(0, 'SIGTERM'));
process.on('SIGINT', () => stop(0, 'SIGINT'));
/** Starts the database process and resolves with its socket's directory once it serves. */
function startDatabase() {
  return new Promise((resolve) => {
    // tsx runs the TypeScript, as `npm run db:migrate` does; react-server, as every script that imports server code.
    const child = fork('scripts/db/serve-embedded.ts', [], { execArgv: ['--conditions=react-server', '--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    database = child;
    child.once('message', (message) => {
      if (message?.ready !== true || typeof message.socketDir !== 'string') return;
      console.log(`accord: ${message.database} is served to the app processes by process ${child.pid} (docs/decisions/029-embedded-database-host.md)`);
      resolve(message.socketDir);
    });
    child.once('exit', (code, signal) => {
      database = null;
      if (stopping) return;
      console.error(`accord: the embedded database's process (pid ${child.pid}) exited (${signal ?? `code ${code}`}); stopping the app processes.`);
      stop(typeof code === 'number' && code !== 0 ? code : 1, 'SIGTERM');
    });
  });
}

process.title = `accord-serve (${wanted} processes)`;
if (embedded) {
  const socketDir = await startDatabase();
  if (stopping) await new Promise(() => {}); // stop() exits once the processes have
  workerEnv = { ACCORD_EMBEDDED_SOCKET: socketDir };
}
console.log(`accord: serving from ${wanted} app processes on one port (ACCORD_PROCESSES; docs/decisions/027-app-processes.md)`);
for (let i = 0; i < wanted; i++) start();
