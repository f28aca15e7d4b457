// `npm run bench:profile` (issue 14, "misses are explained with profiles, not guesses"): where a
// page's CPU goes beyond the signed-in floor's, from a V8 CPU profile of the app. One app process
// (`--cpu-prof`) on the bench data of one engine (or the demo data); the floor and the page each
// warmed until steady, then loaded at 10 connections in turn; the profile's samples are cut into
// those two windows and divided by the requests answered in each, so every figure is milliseconds
// of the app's CPU per request. Prints the CPU by part (React and Next.js's server runtime, PGlite,
// Prisma, the garbage collector…) and the functions whose time differs most. A measurement, not a
// test; nothing is written but the profile (bench/.data/profiles/).
//   npm run bench:profile -- --engine=postgres [--page=/partnerships/bench-flagship] [--data=bench|demo] [--seconds=10]
//   npm run bench:profile -- --reread   (the last profile again, read anew)
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { ensureBuild, startApp } from './app-server';
import { DATA_DIR, ENGINES, FLAGSHIP, SERVER_NODE_FLAGS, SIGNED_IN_FLOOR, type Engine } from './config';
import { DEMO_LOGIN, demoEnv, prepareDemo } from './data/demo';
import { appEnv, prepareDatabase } from './data/prepare';
import { signIn } from './http';
import { warmUntilSteady, window } from './measure/page-load';

const PROFILE_DIR = path.join(DATA_DIR, 'profiles');
const WINDOWS_FILE = path.join(DATA_DIR, 'profile-windows.json');

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }; children?: number[] };
type CpuProfile = { nodes: Node[]; startTime: number; samples: number[]; timeDeltas: number[] };
type Window = { label: string; fromUs: number; toUs: number; requests: number };

/** What part of the app a frame belongs to, by its script's address (the runtime bundles React inside Next.js's). */
export function partOf(frame: Node['callFrame']): string | null {
  const { functionName: name, url } = frame;
  if (name === '(idle)') return null;
  if (name === '(garbage collector)') return 'garbage collector';
  if (name === '(program)') return 'V8 and native code (program)';
  if (url.startsWith('wasm://')) return 'PGlite (WebAssembly)';
  if (url.includes('@electric-sql/pglite')) return 'PGlite (JavaScript)';
  if (/\.runtime\.prod\.js$|next\/dist\/compiled\/next-server/.test(url)) return runtimePart(frame);
  if (url.includes('/node_modules/next/')) return 'Next.js (other)';
  if (/@prisma|generated\/prisma|\/\.prisma\//.test(url)) return 'Prisma';
  if (/\/node_modules\/(pg|pg-protocol|pg-pool|pg-types)\//.test(url)) return 'pg driver';
  if (url.includes('/.next/server/')) {
    // Bundled: the map says whether it is ours (app/, components/, lib/, server/) or a package's.
    const source = sourceOf(frame);
    const bundled = /node_modules\/((?:(?:@|%40)[^/]+\/)?[^/]+)\//.exec(source)?.[1];
    return bundled ? `package ${decodeURIComponent(bundled)} (bundled)` : 'app code';
  }
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return `package ${pkg}`;
  if (url.startsWith('node:') || url === '') return 'Node.js';
  return 'other';
}

// Next.js ships its server runtime (React inside) minified, with source maps beside it: a function is
// named by its source's name and place, `renderModelDestructive react-server-dom…:1234`, not `L runtime.prod.js:2`.
const maps = new Map<string, TraceMap | null>();
function mapOf(url: string): TraceMap | null {
  if (!maps.has(url)) {
    let map: TraceMap | null = null;
    try {
      const file = url.startsWith('file://') ? fileURLToPath(url) : url;
      if (file.startsWith('/') && fs.existsSync(`${file}.map`)) map = new TraceMap(fs.readFileSync(`${file}.map`, 'utf8'));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url)!;
}

/** The name a function is declared with on a line of the original source the map carries (React's sources name them; the maps often do not). */
function declaredAt(map: TraceMap, source: string, line: number | null): string | null {
  const index = map.resolvedSources.indexOf(source) >= 0 ? map.resolvedSources.indexOf(source) : map.sources.indexOf(source);
  const text = line ? map.sourcesContent?.[index]?.split('\n')[line - 1] : undefined;
  if (!text) return null;
  const declared = /function\*?\s+([\w$]+)/.exec(text) ?? /([\w$]+)\s*[:=]\s*(?:async\s+)?(?:function\b|\([^)]*\)\s*=>)/.exec(text)
    ?? /^\s*(?:(?:public|private|protected|static|async|get|set)\s+)*([\w$]+)\s*[<(]/.exec(text);
  return declared?.[1] ?? null;
}

/** A frame as a person reads it: function, file and line, through the source map where there is one. */
export function nameOf(frame: Node['callFrame']): string {
  const map = frame.url ? mapOf(frame.url) : null;
  const at = map ? originalPositionFor(map, { line: frame.lineNumber + 1, column: Math.max(0, frame.columnNumber) }) : null;
  if (at?.source) return `${at.name ?? declaredAt(map!, at.source, at.line) ?? (frame.functionName || '(anonymous)')} ${path.basename(at.source)}:${at.line}`;
  return `${frame.functionName || '(anonymous)'} ${path.basename(frame.url)}:${frame.lineNumber + 1}`;
}

/** The original source file of a frame in a bundle with a source map, or ''. */
function sourceOf(frame: Node['callFrame']): string {
  const map = mapOf(frame.url);
  return map ? (originalPositionFor(map, { line: frame.lineNumber + 1, column: Math.max(0, frame.columnNumber) }).source ?? '') : '';
}

/** Next.js's server runtime bundles React: its parts told apart by the source the map names. */
function runtimePart(frame: Node['callFrame']): string {
  const source = sourceOf(frame);
  if (/react-dom-server/.test(source)) return 'React: writing the HTML';
  if (/react-server-dom-[\w-]+-server/.test(source)) return 'React: the RSC payload';
  if (/react-server-dom-[\w-]+-client/.test(source)) return 'React: reading the payload back for the HTML';
  if (/\/react[\w-]*\//.test(source) || /react-jsx|react\.production/.test(source)) return 'React: other';
  return 'Next.js server runtime';
}

/** Milliseconds of CPU per request, by part and by function, for the samples inside one window. */
export function slice(profile: CpuProfile, w: Window) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parts = new Map<string, number>();
  const functions = new Map<string, number>();
  let t = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    t += profile.timeDeltas[i]!;
    if (t < w.fromUs || t > w.toUs) continue;
    const node = byId.get(profile.samples[i]!)!;
    const part = partOf(node.callFrame);
    if (!part) continue;
    // The sample stands for the time since the previous one (the next delta is when it ended).
    const ms = (profile.timeDeltas[i + 1] ?? profile.timeDeltas[i]!) / 1000 / w.requests;
    parts.set(part, (parts.get(part) ?? 0) + ms);
    const where = nameOf(node.callFrame);
    functions.set(where, (functions.get(where) ?? 0) + ms);
  }
  return { parts, functions };
}

const nowUs = () => Number(process.hrtime.bigint() / 1000n); // CLOCK_MONOTONIC, as V8's profile timestamps

const log = (line: string) => console.log(line);

/** Loads the floor and the page in one profiled app process; returns the profile's file and the two windows. */
async function load(engine: Engine, data: 'bench' | 'demo', page: string, seconds: number): Promise<{ file: string; windows: Window[] }> {
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
    for (const [label, target] of [['floor', SIGNED_IN_FLOOR.path], ['page', page]] as const) {
      const warm = await warmUntilSteady(target, { cookie }, app.pid);
      log(`  ${label} ${target}: warmed with ${warm.requests} requests (app CPU ms a request ${warm.cpuMsPerRequest.join(' → ')})`);
    }
    for (const [label, target] of [['floor', SIGNED_IN_FLOOR.path], ['page', page]] as const) {
      const fromUs = nowUs();
      const r = await window(target, 10, seconds, { cookie }, app.pid);
      windows.push({ label: `${label} ${target}`, fromUs, toUs: nowUs(), requests: r.latencies.length });
      log(`  ${label} ${target}: ${r.perSecond} req/s at 10 connections, app CPU ${r.cpuMs} ms a request, ${r.errors} errors`);
    }
  } finally {
    await app.stop(); // the profile is written as the process exits
  }
  const file = fs.readdirSync(PROFILE_DIR).filter((f) => f.endsWith('.cpuprofile')).map((f) => path.join(PROFILE_DIR, f))
    .sort((a, b) => fs.statSync(b).size - fs.statSync(a).size)[0];
  if (!file) throw new Error(`No CPU profile in ${PROFILE_DIR}: did the app exit cleanly?`);
  fs.writeFileSync(WINDOWS_FILE, JSON.stringify({ file, windows, engine, data }));
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
    options: { engine: { type: 'string', default: 'postgres' }, page: { type: 'string' }, data: { type: 'string', default: 'bench' }, seconds: { type: 'string', default: '10' }, reread: { type: 'boolean', default: false } },
  });
  if (values.reread) {
    // The last run's profile again (after changing how it is read), without loading the app.
    const last = JSON.parse(fs.readFileSync(WINDOWS_FILE, 'utf8')) as { file: string; windows: Window[]; engine: string; data: string };
    return report(last.file, last.windows, `${last.engine}, ${last.data} data`);
  }
  const engine = values.engine as Engine;
  if (!ENGINES.includes(engine)) throw new Error(`--engine must be one of ${ENGINES.join(', ')}`);
  if (values.data !== 'bench' && values.data !== 'demo') throw new Error('--data must be bench or demo');
  const page = values.page ?? (values.data === 'demo' ? '/partnerships/apple-pay-alipay' : `/partnerships/${FLAGSHIP}`);
  const { file, windows } = await load(engine, values.data, page, Number(values.seconds));
  report(file, windows, `${engine}, ${values.data} data`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
