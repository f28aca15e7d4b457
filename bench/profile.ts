// `npm run bench:profile` (issue 14, "misses are explained with profiles, not guesses"): where a
// page's CPU goes beyond the signed-in floor's, from a V8 CPU profile of the app. One app process
// (`--cpu-prof`) on the bench data of one engine (or the demo data); the floor and the page each
// warmed until steady, then loaded at 10 connections in turn; the profile's samples are cut into
// those two windows and divided by the requests answered in each, so every figure is milliseconds
// of the app's CPU per request. Prints the CPU by part (React's HTML writer, its RSC payload and the
// payload read back, Next.js, the app's own code, each package, PGlite, the collector…; reading in
// bench/report/cpu-profile.ts) and the functions whose time differs most. A measurement, not a test;
// nothing is written but the profile (bench/.data/profiles/) and its two windows (bench/.data/profile-windows.json).
//   npm run bench:profile -- --engine=postgres [--page=/partnerships/bench-flagship] [--data=bench|demo] [--seconds=10] [--as-browser]
// --as-browser asks for the answers compressed, as a browser does (`Accept-Encoding: gzip, deflate, br, zstd`):
// Next.js then gzips each page (`compress`, on by default), partly on libuv's threads, which the profile
// does not sample but the app CPU from /proc counts. The bench's load runs ask for no compression.
//   npm run bench:profile -- --reread   (the last profile again, read anew)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureBuild, startApp } from './app-server';
import { DATA_DIR, ENGINES, FLAGSHIP, SERVER_NODE_FLAGS, SIGNED_IN_FLOOR, type Engine } from './config';
import { DEMO_LOGIN, demoEnv, prepareDemo } from './data/demo';
import { appEnv, prepareDatabase } from './data/prepare';
import { signIn } from './http';
import { warmUntilSteady, window } from './measure/page-load';
import { slice, type CpuProfile, type Window } from './report/cpu-profile';

const PROFILE_DIR = path.join(DATA_DIR, 'profiles');
const WINDOWS_FILE = path.join(DATA_DIR, 'profile-windows.json');

/** What Chromium sends: the answers the app's users get. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

const nowUs = () => Number(process.hrtime.bigint() / 1000n); // CLOCK_MONOTONIC, as V8's profile timestamps

const log = (line: string) => console.log(line);

/** Loads the floor and the page in one profiled app process; returns the profile's file and the two windows. */
async function load(engine: Engine, data: 'bench' | 'demo', page: string, seconds: number, asBrowser: boolean): Promise<{ file: string; windows: Window[] }> {
  fs.rmSync(PROFILE_DIR, { recursive: true, force: true });
  fs.mkdirSync(PROFILE_DIR, { recursive: true });
  ensureBuild(log);
  let login: { email: string; password: string };
  let env: Record<string, string | undefined>;
  if (data === 'demo') {
    await prepareDemo(engine, log);
    [login, env] = [DEMO_LOGIN, demoEnv(engine)];
  } else {
    const { access } = await prepareDatabase(engine, log);
    [login, env] = [access.executive, appEnv(engine)];
  }
  const app = await startApp(engine, env, 'one', [...SERVER_NODE_FLAGS, '--cpu-prof', `--cpu-prof-dir=${PROFILE_DIR}`]);
  const windows: Window[] = [];
  try {
    const cookie = await signIn(login.email, login.password);
    const headers: Record<string, string> = asBrowser ? { cookie, 'accept-encoding': BROWSER_ACCEPT_ENCODING } : { cookie };
    for (const [label, target] of [['floor', SIGNED_IN_FLOOR.path], ['page', page]] as const) {
      const warm = await warmUntilSteady(target, headers, app.pid);
      log(`  ${label} ${target}: warmed with ${warm.requests} requests (app CPU ms a request ${warm.cpuMsPerRequest.join(' → ')})`);
    }
    for (const [label, target] of [['floor', SIGNED_IN_FLOOR.path], ['page', page]] as const) {
      const fromUs = nowUs();
      const r = await window(target, 10, seconds, headers, app.pid);
      windows.push({ label: `${label} ${target}`, fromUs, toUs: nowUs(), requests: r.latencies.length });
      log(`  ${label} ${target}: ${r.perSecond} req/s at 10 connections, app CPU ${r.cpuMs} ms a request, ${r.errors} errors`);
    }
  } finally {
    await app.stop(); // the profile is written as the process exits
  }
  const file = fs.readdirSync(PROFILE_DIR).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(PROFILE_DIR, f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (!file) throw new Error(`No CPU profile in ${PROFILE_DIR}: did the app exit cleanly?`);
  fs.writeFileSync(WINDOWS_FILE, JSON.stringify({ file, windows, engine, data, asBrowser }));
  return { file, windows };
}

function report(file: string, windows: Window[], what: string) {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
  const [floor, target] = windows.map((w) => slice(profile, w)) as [ReturnType<typeof slice>, ReturnType<typeof slice>];
  const total = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);
  const f2 = (x: number) => x.toFixed(2).padStart(7);
  log(`\nApp CPU a request by part (${what}; profile ${path.relative('.', file)}):`);
  log(`${'part'.padEnd(48)}${'floor'.padStart(7)}${'page'.padStart(7)}${'+'.padStart(7)}`);
  const parts = [...new Set([...floor.parts.keys(), ...target.parts.keys()])].sort((a, b) => (target.parts.get(b) ?? 0) - (target.parts.get(a) ?? 0));
  for (const p of parts) log(`${p.padEnd(48)}${f2(floor.parts.get(p) ?? 0)}${f2(target.parts.get(p) ?? 0)}${f2((target.parts.get(p) ?? 0) - (floor.parts.get(p) ?? 0))}`);
  log(`${'all'.padEnd(48)}${f2(total(floor.parts))}${f2(total(target.parts))}${f2(total(target.parts) - total(floor.parts))}   (floor ÷ page: ${(total(floor.parts) / total(target.parts)).toFixed(2)})`);
  log('\nThe functions whose own time differs most (ms a request, page − floor):');
  const names = [...new Set([...floor.functions.keys(), ...target.functions.keys()])];
  const diff = names.map((n) => [n, (target.functions.get(n) ?? 0) - (floor.functions.get(n) ?? 0)] as const).sort((a, b) => b[1] - a[1]).slice(0, 25);
  for (const [n, d] of diff) log(`${f2(d)}  ${n.slice(0, 120)}`);
}

async function main() {
  const { values } = parseArgs({
    options: { engine: { type: 'string', default: 'postgres' }, page: { type: 'string' }, data: { type: 'string', default: 'bench' }, seconds: { type: 'string', default: '10' }, reread: { type: 'boolean', default: false }, 'as-browser': { type: 'boolean', default: false } },
  });
  if (values.reread) {
    // The last run's profile again (after changing how it is read), without loading the app.
    const last = JSON.parse(fs.readFileSync(WINDOWS_FILE, 'utf8')) as { file: string; windows: Window[]; engine: string; data: string; asBrowser?: boolean };
    return report(last.file, last.windows, `${last.engine}, ${last.data} data${last.asBrowser ? ', compressed as a browser asks' : ''}`);
  }
  const engine = values.engine as Engine;
  if (!ENGINES.includes(engine)) throw new Error(`--engine must be one of ${ENGINES.join(', ')}`);
  if (values.data !== 'bench' && values.data !== 'demo') throw new Error('--data must be bench or demo');
  const page = values.page ?? (values.data === 'demo' ? '/partnerships/apple-pay-alipay' : `/partnerships/${FLAGSHIP}`);
  const asBrowser = values['as-browser'] ?? false;
  const { file, windows } = await load(engine, values.data, page, Number(values.seconds), asBrowser);
  report(file, windows, `${engine}, ${values.data} data${asBrowser ? ', compressed as a browser asks' : ''}`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
