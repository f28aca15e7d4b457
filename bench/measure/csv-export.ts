import { END_DAY, FLAGSHIP, PROFILES, type Engine } from '../config';
import { memoryOf, resetPeakMemory, type AppServer } from '../app-server';
import type { DirectDb } from '../direct-db';
import { request, streamCount } from '../http';
import { percentile, round } from '../stats';
import { addDays } from '@/lib/dates';
import { directCopyQuery, directStatements, loadIds, metricsPath, type MetricQuery } from './metric-queries';

export type CsvCase = {
  label: string;
  path: string;
  rows: number;
  api: { ms: number; rowsPerSecond: number; megabytes: number };
  copy: { ms: number; rowsPerSecond: number; rows: number };
  ratio: number; // API rows/s ÷ COPY rows/s: the median of the rounds' own ratios
  /** Each round's export then COPY, the first on the freshly started app (absent before 2026-12-05 22:00). */
  rounds?: { apiRowsPerSecond: number; copyRowsPerSecond: number }[];
  memory: { baselineMb: number; peakMb: number; peakSampledMb: number; resetWorked: boolean };
};

/**
 * A day-granularity CSV export of all metrics and regions of the flagship (every row it has, and a
 * ~100k-row date range of it), each on a freshly started app (so one export's heap does not carry
 * into the other's peak), read to the last byte, against COPY of the same query. Peak memory is the
 * next-server process's VmHWM, reset just before the export, with VmRSS sampled every 50 ms as a check.
 */
export async function measureCsvExport(ctx: {
  engine: Engine;
  db: DirectDb;
  token: string;
  restartApp: () => Promise<AppServer>;
  log: (line: string) => void;
}): Promise<{ small: CsvCase; large: CsvCase }> {
  const flagship = PROFILES[ctx.engine].partnerships.find((p) => p.key === 'flagship')!;
  const daysFor100k = Math.ceil(100_000 / (flagship.regions * 4));
  const base: MetricQuery = { id: 'csv', label: '', slug: FLAGSHIP, metrics: [], regions: [], from: null, to: null, granularity: 'day', shared: false };
  const small = await exportCase(ctx, { ...base, label: `flagship, ${daysFor100k} days (~100k rows)`, from: addDays(END_DAY, -(daysFor100k - 1)), to: END_DAY });
  const large = await exportCase(ctx, { ...base, label: 'flagship, all time (every row)' });
  return { small, large };
}

/**
 * Export then COPY, three times: one pair was this machine's noise. Two PGlite runs of the same code
 * measured ~100k rows at 0.40 and 1.16 of COPY, the COPY alone at 305k and 127k rows/s
 * (bench/results/notes.md, 2026-12-05 21:00). The figures are the rounds' medians.
 */
const ROUNDS = 3;
const middle = (xs: number[]) => percentile(xs, 50);

async function exportCase(ctx: Parameters<typeof measureCsvExport>[0], q: MetricQuery): Promise<CsvCase> {
  const headers = { authorization: `Bearer ${ctx.token}` };
  const app = await ctx.restartApp();
  // Load the code paths first (a JSON query and a one-day CSV), so the peak is the export's own.
  await request('GET', metricsPath({ ...q, from: END_DAY, to: END_DAY }), { headers });
  await request('GET', metricsPath({ ...q, from: END_DAY, to: END_DAY }, 'csv'), { headers });
  const baseline = memoryOf(app.pid);
  const resetWorked = resetPeakMemory(app.pid);
  let sampled = baseline.rssMb;
  const sampler = setInterval(() => (sampled = Math.max(sampled, memoryOf(app.pid).rssMb)), 50);
  const path = metricsPath(q, 'csv');
  const api = await streamCount(path, headers).finally(() => clearInterval(sampler));
  if (api.status !== 200) throw new Error(`${path} answered ${api.status}`);
  const peak = memoryOf(app.pid);
  const rows = api.lines - 1;
  const copySql = directCopyQuery(directStatements(q, await loadIds(ctx.db)));
  const copy = await ctx.db.copyCsv(copySql);
  if (copy.rows !== rows) ctx.log(`  WARNING: the export has ${rows} rows, COPY ${copy.rows}`);
  const pairs = [{ apiMs: api.ms, copyMs: copy.ms }];
  for (let k = 1; k < ROUNDS; k++) {
    const again = await streamCount(path, headers);
    if (again.status !== 200 || again.lines - 1 !== rows) throw new Error(`${path} answered ${again.status} with ${again.lines - 1} rows, then ${rows}`);
    pairs.push({ apiMs: again.ms, copyMs: (await ctx.db.copyCsv(copySql)).ms });
  }
  const apiMs = middle(pairs.map((p) => p.apiMs));
  const copyMs = middle(pairs.map((p) => p.copyMs));
  const result: CsvCase = {
    label: q.label,
    path,
    rows,
    api: { ms: round(apiMs, 0), rowsPerSecond: Math.round(rows / (apiMs / 1000)), megabytes: round(api.bytes / 1e6, 1) },
    copy: { ms: round(copyMs, 0), rowsPerSecond: Math.round(copy.rows / (copyMs / 1000)), rows: copy.rows },
    ratio: round(middle(pairs.map((p) => p.copyMs / p.apiMs)), 2),
    rounds: pairs.map((p) => ({ apiRowsPerSecond: Math.round(rows / (p.apiMs / 1000)), copyRowsPerSecond: Math.round(copy.rows / (p.copyMs / 1000)) })),
    memory: { baselineMb: baseline.rssMb, peakMb: resetWorked ? peak.peakMb : sampled, peakSampledMb: sampled, resetWorked },
  };
  ctx.log(
    `  CSV ${q.label}: ${rows} rows, API ${result.api.rowsPerSecond} rows/s (${result.api.ms} ms, ${result.api.megabytes} MB) | ` +
      `COPY ${result.copy.rowsPerSecond} rows/s (${result.copy.ms} ms) | ratio ${result.ratio} (rounds ${pairs.map((p) => round(p.copyMs / p.apiMs, 2)).join(' / ')}) | ` +
      `app memory ${baseline.rssMb} MB before, peak ${result.memory.peakMb} MB`,
  );
  return result;
}
