import http from 'node:http';
import zlib from 'node:zlib';
import autocannon from 'autocannon';
import { appCpuSeconds } from '../app-server';
import { BASE_URL, SIGNED_IN_FLOOR } from '../config';
import { request } from '../http';
import { percentile, ratio, round, summarize } from '../stats';
import { describePayload, payloadOf, type PayloadShape } from './payload';

export { describePayload, jsonValues, payloadOf, type PayloadShape } from './payload';

/**
 * The pages executives open together (issue 14, goals 1, 2 and 4), under autocannon at 1 and 10
 * connections (and 50 for the dashboard), beside the framework's floor measured in the same run:
 * the sign-in page (signed out: a dynamic page with the shell and no data) and the search page with
 * no query (signed in: the session check, the app's shell and one form; issue 14 names both as the
 * floor). Also the bytes each page sends (HTML with its inline RSC payload), as sent and gzipped,
 * and the app's own CPU time per request at 10 connections (read from /proc: on a shared machine
 * it moves less than requests/s, which is what the profile explains).
 */
export type PageRun = {
  page: string; path: string; connections: number; seconds: number; requests: number; perSecond: number; p50: number; p95: number; errors: number;
  /** The app process's CPU milliseconds (user + system) per answered request; absent where /proc is not there. */
  cpuMsPerRequest?: number;
};
export type PageBytes = {
  page: string; path: string; htmlBytes: number; gzipBytes: number;
  /** The inline RSC payload as Next.js escapes it into one string per flush (absent before 2026-12-05): see `payloadOf`. */
  payload?: PayloadShape;
};

export type PagesLoad = {
  data: string;
  /** How many app processes served (decision 027: one on PGlite, one per core on PostgreSQL; absent before 2026-12-06, when it was always one). */
  appProcesses?: number;
  floor: { page: string; path: string };
  /** The signed-in floor: the session check and the shell (absent in results before 2026-12-03). */
  signedInFloor?: { page: string; path: string };
  runs: PageRun[];
  bytes: PageBytes[];
  /** Each page's warm-up before it is measured: the app CPU ms per request of each window (absent before 2026-12-04). */
  warm?: { page: string; requests: number; cpuMsPerRequest: number[] }[];
  /**
   * Per page at 10 connections: req/s ÷ the sign-in page's and ÷ the signed-in floor's; 10 ÷ 1
   * connection (no collapse: ≥ 1); and the signed-in floor's app CPU per request ÷ the page's (the
   * throughput ratio the CPU alone allows, comparable with the req/s one).
   */
  ratios: { page: string; toFloor: number; toSignedInFloor?: number; tenToOne: number; p95ToP50: number; byCpuToSignedInFloor?: number }[];
  /**
   * Each page's rounds beside the signed-in floor (absent before 2026-12-05 evening): the floor at
   * 10 connections, the page at 10, the page at 1, in turn, `PAIRS` times. The ratios above are the
   * medians of the rounds' ratios; `toSignedInFloorOnce` is the page's req/s ÷ the floor's measured
   * once before every page, the method of the earlier runs, kept for comparison.
   */
  rounds?: { page: string; floorPerSecond: number[]; pagePerSecond: number[]; onePerSecond: number[]; floorCpuMs: (number | null)[]; pageCpuMs: (number | null)[]; toSignedInFloorOnce: number }[];
};

export type PageTarget = { page: string; path: string };

function run(path: string, connections: number, duration: number, headers: Record<string, string>) {
  return new Promise<{ latencies: number[]; errors: number; duration: number }>((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url: `${BASE_URL}${path}`, connections, duration, timeout: 60, headers }, (error, result) =>
      error ? reject(error) : resolve({ latencies, errors: result.errors + result.timeouts + result.non2xx, duration: result.duration }),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

/** The page as a browser gets it: gzip asked for; both sizes counted. */
function bytesOf(path: string, headers: Record<string, string>): Promise<{ status: number; raw: number; gzip: number; payload: PayloadShape }> {
  return new Promise((resolve, reject) => {
    const req = http.get(`${BASE_URL}${path}`, { headers: { ...headers, 'accept-encoding': 'gzip' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        const gzipped = res.headers['content-encoding'] === 'gzip';
        const html = gzipped ? zlib.gunzipSync(body) : body;
        resolve({ status: res.statusCode ?? 0, raw: html.length, gzip: gzipped ? body.length : zlib.gzipSync(body).length, payload: payloadOf(html.toString('utf8')) });
      });
      res.on('error', reject);
    });
    req.on('error', reject);
  });
}

const WARM_WINDOW_SECONDS = 3;
const WARM_MIN_REQUESTS = 2_000;
const WARM_MAX_SECONDS = 30;
const WARM_STEADY = 0.08;

/**
 * Loads a page at 10 connections until it is warm: at least 2,000 answers, and the app's CPU per
 * request within 8% over the last two 3 s windows (30 s at most). A page that is served all day is
 * warm: V8 optimizes the render code in steps over the first thousands of calls, and the flagship
 * dashboard's CPU per request fell 36 → 25 → 18.7 → 14.5 ms over its first ~2,000 answers (bench
 * notes, "Warm pages"). Measured before that, a run timed the compiler, and more for a big page
 * than for the floor. Where /proc is not there, the 2,000 answers alone.
 */
export async function warmUntilSteady(path: string, headers: Record<string, string>, pid: number | undefined) {
  const cpuMs: number[] = [];
  let requests = 0;
  for (let w = 0; w * WARM_WINDOW_SECONDS < WARM_MAX_SECONDS; w++) {
    const before = appCpuSeconds(pid);
    const r = await run(path, 10, WARM_WINDOW_SECONDS, headers);
    const after = appCpuSeconds(pid);
    requests += r.latencies.length;
    if (before !== null && after !== null && r.latencies.length) cpuMs.push(round((1000 * (after - before)) / r.latencies.length, 2));
    const [a, b] = cpuMs.slice(-2);
    const steady = before === null || (a !== undefined && b !== undefined && Math.abs(a - b) <= WARM_STEADY * a);
    if (requests >= WARM_MIN_REQUESTS && steady) break;
  }
  return { requests, cpuMsPerRequest: cpuMs };
}

async function settle() {
  // What a run left in flight is finished before the next starts: the floor answers fast again.
  const deadline = performance.now() + 60_000;
  let fast = 0;
  while (fast < 3 && performance.now() < deadline) {
    fast = (await request('GET', '/api/health')).ms < 30 ? fast + 1 : 0;
    if (fast === 0) await new Promise((r) => setTimeout(r, 200));
  }
}


/**
 * A page's ratios come from rounds: the signed-in floor at 10 connections, the page at 10, the page
 * at 1, in turn, three times, and the median of each round's ratio. Measured once each, the floor
 * first and the pages after it, the ratios mixed the pages' cost with the machine's drift and with
 * the process's own state: the floor measured before the heavy pages were served was cheaper than
 * the same floor measured between them (8% on 2026-12-04; and on 2026-12-05 evening the floor's CPU
 * per request moved 10.5 → 17 ms between minutes of one process, bench notes), so a page measured
 * five minutes after the floor was judged against another machine. In rounds, the page and its
 * floor are measured within seconds of each other, in the same process state.
 */
const PAIRS = 3;

const median = (xs: number[]) => round(percentile(xs, 50), 2);

export type PageRounds = NonNullable<PagesLoad['rounds']>[number];

/**
 * A page's ratios from its rounds: each round's page ÷ floor (req/s at 10 connections), page at 10 ÷
 * at 1, and floor CPU ÷ page CPU per request (only when every round has both), then their medians.
 */
export function roundRatios(r: PageRounds): { toSignedInFloor: number; tenToOne: number; byCpuToSignedInFloor?: number } {
  const byCpu = r.floorCpuMs.map((f, k) => (f !== null && r.pageCpuMs[k] ? f / r.pageCpuMs[k]! : null));
  return {
    toSignedInFloor: median(r.pagePerSecond.map((x, k) => x / r.floorPerSecond[k]!)),
    tenToOne: median(r.pagePerSecond.map((x, k) => x / r.onePerSecond[k]!)),
    ...(byCpu.length && byCpu.every((x) => x !== null) ? { byCpuToSignedInFloor: median(byCpu as number[]) } : {}),
  };
}

export async function window(path: string, connections: number, seconds: number, headers: Record<string, string>, pid: number | undefined) {
  await settle();
  const before = appCpuSeconds(pid);
  const r = await run(path, connections, seconds, headers);
  const after = appCpuSeconds(pid);
  const cpuMs = before !== null && after !== null && r.latencies.length ? round((1000 * (after - before)) / r.latencies.length, 2) : null;
  return { ...r, perSecond: round(r.latencies.length / r.duration, 1), cpuMs };
}

function pageRun(t: PageTarget, connections: number, windows: Awaited<ReturnType<typeof window>>[]): PageRun {
  const latencies = windows.flatMap((w) => w.latencies);
  const seconds = windows.reduce((sum, w) => sum + w.duration, 0);
  const s = summarize(latencies);
  const cpu = windows.map((w) => w.cpuMs).filter((x): x is number => x !== null);
  return {
    page: t.page, path: t.path, connections, seconds: round(seconds, 1), requests: latencies.length, perSecond: round(latencies.length / seconds, 1),
    p50: s.p50, p95: s.p95, errors: windows.reduce((sum, w) => sum + w.errors, 0),
    ...(cpu.length === windows.length ? { cpuMsPerRequest: median(cpu) } : {}),
  };
}

export async function measurePages(ctx: {
  data: string;
  cookie: string;
  /** The app's process id, for its CPU time per request (with its children: the app processes when there are several). */
  pid?: number;
  /** How many app processes serve (AppServer.processes). */
  processes?: number;
  pages: PageTarget[];
  /** Pages whose bytes and payload are weighed, not loaded. */
  payloadOnly?: PageTarget[];
  durationSeconds: number;
  log: (line: string) => void;
}): Promise<PagesLoad> {
  const floor: PageTarget = { page: 'floor: sign-in page', path: '/sign-in' };
  const signedInFloor: PageTarget = SIGNED_IN_FLOOR;
  const signedIn = { cookie: ctx.cookie };
  const headersOf = (t: PageTarget) => (t === floor ? {} : signedIn);
  const targets = [floor, signedInFloor, ...ctx.pages];
  const bytes: PageBytes[] = [];
  for (const t of targets) {
    // Warm: the first answers compile and fill what the app keeps.
    for (let i = 0; i < 3; i++) await bytesOf(t.path, headersOf(t));
    const b = await bytesOf(t.path, headersOf(t));
    if (b.status !== 200) throw new Error(`${t.path} answered ${b.status}${t === floor ? '' : ' when signed in'}`);
    bytes.push({ page: t.page, path: t.path, htmlBytes: b.raw, gzipBytes: b.gzip, payload: b.payload });
    ctx.log(`  ${t.page}: ${(b.raw / 1024).toFixed(1)} kB, ${(b.gzip / 1024).toFixed(1)} kB gzipped; RSC payload ${describePayload(b.payload)}`);
  }
  const weighed: PageBytes[] = [];
  for (const t of ctx.payloadOnly ?? []) {
    const b = await bytesOf(t.path, signedIn);
    if (b.status !== 200) throw new Error(`${t.path} answered ${b.status} when signed in`);
    weighed.push({ page: t.page, path: t.path, htmlBytes: b.raw, gzipBytes: b.gzip, payload: b.payload });
    ctx.log(`  ${t.page} (weighed only): ${(b.raw / 1024).toFixed(1)} kB, ${(b.gzip / 1024).toFixed(1)} kB gzipped; RSC payload ${describePayload(b.payload)}`);
  }
  const runs: PageRun[] = [];
  const rounds: NonNullable<PagesLoad['rounds']> = [];
  const warm: NonNullable<PagesLoad['warm']> = [];
  const logRun = (one: PageRun) =>
    ctx.log(`  ${one.page.padEnd(34)} @${String(one.connections).padStart(2)}: ${one.perSecond} req/s, p50 ${one.p50} ms, p95 ${one.p95} ms, errors ${one.errors}, app CPU ${one.cpuMsPerRequest ?? '?'} ms/request`);
  for (const t of targets) {
    await settle();
    const w = await warmUntilSteady(t.path, headersOf(t), ctx.pid);
    warm.push({ page: t.page, ...w });
    ctx.log(`  ${t.page.padEnd(34)} warm-up: ${w.requests} requests, app CPU ms/request by ${WARM_WINDOW_SECONDS} s window ${w.cpuMsPerRequest.join(' → ')}`);
    if (t !== floor && t !== signedInFloor) {
      // Rounds beside the signed-in floor (see PAIRS); the page's runs at 1 and 10 are its rounds' windows together.
      const seconds = Math.max(3, Math.round(ctx.durationSeconds / 3));
      const floorWindows = [];
      const tens = [];
      const ones = [];
      for (let k = 0; k < PAIRS; k++) {
        floorWindows.push(await window(signedInFloor.path, 10, seconds, signedIn, ctx.pid));
        tens.push(await window(t.path, 10, seconds, headersOf(t), ctx.pid));
        ones.push(await window(t.path, 1, seconds, headersOf(t), ctx.pid));
      }
      const floorOnce = runs.find((r) => r.page === signedInFloor.page && r.connections === 10)!;
      rounds.push({
        page: t.page,
        floorPerSecond: floorWindows.map((x) => x.perSecond), pagePerSecond: tens.map((x) => x.perSecond), onePerSecond: ones.map((x) => x.perSecond),
        floorCpuMs: floorWindows.map((x) => x.cpuMs), pageCpuMs: tens.map((x) => x.cpuMs),
        toSignedInFloorOnce: ratio(pageRun(t, 10, tens).perSecond, floorOnce.perSecond),
      });
      for (const one of [pageRun(t, 1, ones), pageRun(t, 10, tens)]) {
        runs.push(one);
        logRun(one);
      }
      const r = rounds.at(-1)!;
      ctx.log(`  ${t.page.padEnd(34)} rounds: floor ${r.floorPerSecond.join(' / ')}, page ${r.pagePerSecond.join(' / ')}, at 1 ${r.onePerSecond.join(' / ')} req/s; floor measured once: ${r.toSignedInFloorOnce}`);
    }
    const levels = t === floor || t === signedInFloor ? [1, 10] : t.page.startsWith('dashboard') ? [50] : [];
    for (const connections of levels) {
      const one = pageRun(t, connections, [await window(t.path, connections, connections >= 50 ? 2 * ctx.durationSeconds : ctx.durationSeconds, headersOf(t), ctx.pid)]);
      runs.push(one);
      logRun(one);
    }
  }
  const at = (page: string, c: number) => runs.find((r) => r.page === page && r.connections === c)!;
  const cpu = (page: string) => at(page, 10).cpuMsPerRequest;
  const ratios = targets.map((t) => {
    const r = rounds.find((x) => x.page === t.page);
    const toFloor = ratio(at(t.page, 10).perSecond, at(floor.page, 10).perSecond);
    const p95ToP50 = ratio(at(t.page, 10).p95, at(t.page, 10).p50);
    if (r) return { page: t.page, toFloor, p95ToP50, ...roundRatios(r) };
    // The two floors themselves, measured once each.
    return {
      page: t.page, toFloor, p95ToP50,
      toSignedInFloor: ratio(at(t.page, 10).perSecond, at(signedInFloor.page, 10).perSecond),
      tenToOne: ratio(at(t.page, 10).perSecond, at(t.page, 1).perSecond),
      ...(cpu(t.page) && cpu(signedInFloor.page) ? { byCpuToSignedInFloor: ratio(cpu(signedInFloor.page)!, cpu(t.page)!) } : {}),
    };
  });
  return { data: ctx.data, appProcesses: ctx.processes, floor, signedInFloor, runs, bytes: [...bytes, ...weighed], warm, ratios, rounds };
}
