import autocannon, { type Result } from 'autocannon';
import { BASE_URL } from '../config';
import { request } from '../http';
import { ratio, round, summarize } from '../stats';

export type LoadRun = {
  target: 'dashboard' | 'health';
  path: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  errors: number; // socket errors + timeouts + non-2xx answers
  statusCodes: Record<string, number>;
};

export type DashboardLoad = {
  slug: string;
  durationSeconds: number;
  /** The dashboard opened for the first time from 20 tabs at once: answers other than 200. */
  firstVisitBurst: { requests: number; errors: number; statusCodes: Record<string, number> };
  runs: LoadRun[];
  ratios: { connections: number; p50: number; perSecond: number }[];
};

const BURST = 20;

function run(path: string, connections: number, duration: number, headers: Record<string, string>): Promise<{ result: Result; latencies: number[] }> {
  return new Promise((resolve, reject) => {
    const latencies: number[] = [];
    const instance = autocannon({ url: `${BASE_URL}${path}`, connections, duration, timeout: 60, headers }, (error, result) =>
      error ? reject(error) : resolve({ result, latencies }),
    );
    instance.on('response', (_client, _status, _bytes, ms) => latencies.push(ms));
  });
}

/**
 * Waits until the server has finished what a run left in flight (autocannon stops sending, not the
 * server working: 50 abandoned dashboard renders take seconds on a single-threaded PGlite), so the
 * next run does not pay for the previous one: /api/health answers near its idle time again.
 */
async function settle(idleMs: number) {
  const deadline = performance.now() + 60_000;
  let fast = 0;
  while (fast < 3 && performance.now() < deadline) {
    fast = (await request('GET', '/api/health')).ms < Math.max(20, 3 * idleMs) ? fast + 1 : 0;
    if (fast === 0) await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * The signed-in partnership dashboard under autocannon at 10 and 50 connections, each against the
 * same server's /api/health right after it (the cheapest request the app serves: the yardstick).
 */
export async function measureDashboardLoad(ctx: { slug: string; cookie: string; durationSeconds: number; log: (line: string) => void }): Promise<DashboardLoad> {
  const dashboard = `/partnerships/${ctx.slug}`;
  const headers = { cookie: ctx.cookie };
  const burst = await Promise.all(Array.from({ length: BURST }, () => request('GET', dashboard, { headers }).then((r) => r.status, () => 0)));
  const burstCodes: Record<string, number> = {};
  for (const code of burst) burstCodes[code] = (burstCodes[code] ?? 0) + 1;
  const firstVisitBurst = { requests: BURST, errors: burst.filter((c) => c !== 200).length, statusCodes: burstCodes };
  ctx.log(`  first visit from ${BURST} tabs at once: ${firstVisitBurst.errors} errors (${JSON.stringify(burstCodes)})`);
  for (let i = 0; i < 3; i++) {
    const warm = await request('GET', dashboard, { headers });
    if (warm.status !== 200) throw new Error(`${dashboard} answered ${warm.status} when signed in`);
  }
  const idle: number[] = [];
  for (let i = 0; i < 10; i++) idle.push((await request('GET', '/api/health')).ms);
  const idleMs = summarize(idle).p50;
  const runs: LoadRun[] = [];
  for (const connections of [10, 50]) {
    for (const [target, path] of [['dashboard', dashboard], ['health', '/api/health']] as const) {
      await settle(idleMs);
      // At 50 connections a dashboard waits several seconds in the queue: run longer, so the
      // figures are the steady state rather than the first wave (in-flight requests at the end are dropped).
      const seconds = connections >= 50 ? 2 * ctx.durationSeconds : ctx.durationSeconds;
      const { result, latencies } = await run(path, connections, seconds, headers);
      const s = summarize(latencies);
      const statusCodes = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, v]) => [code, v.count]));
      const r: LoadRun = {
        target, path, connections, seconds, requests: latencies.length, perSecond: round(latencies.length / result.duration, 1),
        p50: s.p50, p95: s.p95, errors: result.errors + result.timeouts + result.non2xx, statusCodes,
      };
      runs.push(r);
      ctx.log(`  ${target.padEnd(9)} @${String(connections).padStart(2)} connections: ${r.perSecond} req/s, p50 ${r.p50} ms, p95 ${r.p95} ms, errors ${r.errors}`);
    }
  }
  await settle(idleMs);
  const ratios = [10, 50].map((connections) => {
    const d = runs.find((r) => r.target === 'dashboard' && r.connections === connections)!;
    const h = runs.find((r) => r.target === 'health' && r.connections === connections)!;
    return { connections, p50: ratio(d.p50, h.p50), perSecond: ratio(d.perSecond, h.perSecond) };
  });
  return { slug: ctx.slug, durationSeconds: ctx.durationSeconds, firstVisitBurst, runs, ratios };
}
