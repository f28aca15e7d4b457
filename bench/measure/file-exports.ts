import { END_DAY, FLAGSHIP, PROFILES, type Engine } from '../config';
import { memoryOf, resetPeakMemory, type AppServer } from '../app-server';
import { request, streamCount } from '../http';
import { round } from '../stats';
import { addDays } from '@/lib/dates';
import { metricsPath, type MetricQuery } from './metric-queries';

export type FileExportCase = { format: 'xlsx' | 'json'; label: string; rows: number; ms: number; rowsPerSecond: number; megabytes: number; baselineMb: number; peakMb: number };

/**
 * The other two export formats of issue 6 at the same sizes as the CSV case (~100k rows, and every
 * row of the flagship): time, size and the app's peak memory, each on a freshly started app. A
 * bounded-memory export has about the same peak at both sizes.
 */
export async function measureFileExports(ctx: { engine: Engine; token: string; restartApp: () => Promise<AppServer>; rows: { small: number; large: number }; log: (line: string) => void }) {
  const flagship = PROFILES[ctx.engine].partnerships.find((p) => p.key === 'flagship')!;
  const daysFor100k = Math.ceil(100_000 / (flagship.regions * 4));
  const base: MetricQuery = { id: 'file', label: '', slug: FLAGSHIP, metrics: [], regions: [], from: null, to: null, granularity: 'day', shared: false };
  const small: MetricQuery = { ...base, label: `~100k rows`, from: addDays(END_DAY, -(daysFor100k - 1)), to: END_DAY };
  const large: MetricQuery = { ...base, label: 'every row' };
  const out: FileExportCase[] = [];
  for (const format of ['xlsx', 'json'] as const) {
    for (const [q, rows] of [[small, ctx.rows.small], [large, ctx.rows.large]] as const) out.push(await exportCase(ctx, format, q, rows));
  }
  return out;
}

async function exportCase(ctx: Parameters<typeof measureFileExports>[0], format: 'xlsx' | 'json', q: MetricQuery, rows: number): Promise<FileExportCase> {
  const headers = { authorization: `Bearer ${ctx.token}` };
  const app = await ctx.restartApp();
  const path = `${metricsPath(q)}&format=${format}&download=1`;
  await request('GET', `${metricsPath({ ...q, from: END_DAY, to: END_DAY })}&format=${format}&download=1`, { headers });
  const baseline = memoryOf(app.pid);
  const resetWorked = resetPeakMemory(app.pid);
  let sampled = baseline.rssMb;
  const sampler = setInterval(() => (sampled = Math.max(sampled, memoryOf(app.pid).rssMb)), 50);
  const reply = await streamCount(path, headers).finally(() => clearInterval(sampler));
  if (reply.status !== 200) throw new Error(`${path} answered ${reply.status}`);
  const peak = resetWorked ? memoryOf(app.pid).peakMb : sampled;
  const result: FileExportCase = {
    format, label: q.label, rows, ms: round(reply.ms, 0), rowsPerSecond: Math.round(rows / (reply.ms / 1000)),
    megabytes: round(reply.bytes / 1e6, 1), baselineMb: baseline.rssMb, peakMb: peak,
  };
  ctx.log(`  ${format.toUpperCase()} ${q.label}: ${rows} rows, ${result.rowsPerSecond} rows/s (${result.ms} ms, ${result.megabytes} MB) | app memory ${baseline.rssMb} MB before, peak ${peak} MB`);
  return result;
}
