// Several app processes on one port (docs/decisions/027-app-processes.md), started by scripts/serve.sh
// when scripts/app-processes.mjs says more than one: `serve-cluster.mjs N <next's bin> start <args>`.
// Node's cluster module: this process accepts the connections and hands each to a process in turn;
// requests then go straight to that process. The V8 flags this process was given pass on to each.
//
// - SIGTERM or SIGINT: passed on to every process; exits when they have (with 0).
// - A process that exits before it ever listened (a port in use, a bad setting): everything stops,
//   with its exit code, as one `next start` would have.
// - A process that exits later (a crash): another takes its place, said on stderr; more than five
//   such exits in a minute stop everything with exit code 1 (a process manager then sees it).
import cluster from 'node:cluster';

const [count, bin, ...args] = process.argv.slice(2);
const wanted = Number(count);
if (!Number.isInteger(wanted) || wanted < 2 || !bin) {
  console.error('usage: serve-cluster.mjs N(≥2) <next bin> start [options]');
  process.exit(2);
}

const CRASHES_ALLOWED = 5;
const CRASH_WINDOW_MS = 60_000;
let stopping = false;
let exitCode = 0;
const listened = new Set();
let crashes = [];

cluster.setupPrimary({ exec: bin, args });

function start() {
  const worker = cluster.fork();
  worker.once('listening', () => listened.add(worker.id));
}

function stop(code, signal) {
  if (!stopping) exitCode = code;
  stopping = true;
  const running = Object.values(cluster.workers ?? {});
  if (running.length === 0) process.exit(exitCode);
  for (const worker of running) worker?.process.kill(signal);
}

cluster.on('exit', (worker, code, signal) => {
  const how = signal ?? `code ${code}`;
  if (stopping) {
    if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
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
process.title = `accord-serve (${wanted} processes)`;
console.log(`accord: serving from ${wanted} app processes on one port (ACCORD_PROCESSES; docs/decisions/027-app-processes.md)`);
for (let i = 0; i < wanted; i++) start();
