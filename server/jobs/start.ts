import 'server-only';
import { getDatabase } from '@/server/db/client';
import { enqueueJob } from './queue';
import { JOBS } from './registry';
import { createJobRunner, type JobRunner } from './runner';
import { everyRecurringJobEachMinute } from './schedule';

const key = Symbol.for('accord.jobRunner');
const VACUUM_JOB = 'database.vacuum';
type WithRunner = typeof globalThis & { [key]?: JobRunner };

/**
 * Starts this process's job runner (once; instrumentation.ts calls it when the app starts, and
 * `npm run worker` runs it alone). ACCORD_JOBS=off leaves the jobs to separate workers.
 */
export function startJobRunner(): JobRunner | null {
  if (process.env.ACCORD_JOBS === 'off') return null;
  const g = globalThis as WithRunner;
  if (!g[key]) {
    const runner = createJobRunner({
      db: getDatabase().db,
      // ACCORD_JOBS_EVERY_MINUTE=1: end-to-end tests only (server/jobs/schedule.ts).
      registry: process.env.ACCORD_JOBS_EVERY_MINUTE === '1' ? everyRecurringJobEachMinute(JOBS) : JOBS,
      pollMs: Number(process.env.ACCORD_JOBS_POLL_MS ?? 1_000),
      concurrency: Number(process.env.ACCORD_JOBS_CONCURRENCY ?? 2),
    });
    runner.start();
    g[key] = runner;
    // The embedded database forgets its activity counters at every start: its upkeep catches up
    // half a minute after the start rather than at the next 5-minute mark (decision 028).
    void enqueueJob(VACUUM_JOB, {}, { runAt: new Date(Date.now() + 30_000) })
      .catch((error: unknown) => console.log(`[accord jobs] could not queue the upkeep after the start: ${String(error).split('\n')[0]}`));
  }
  return g[key];
}

/** Stops this process's runner, waiting for the jobs in hand. */
export async function stopJobRunner(): Promise<void> {
  const g = globalThis as WithRunner;
  await g[key]?.stop();
  g[key] = undefined;
}
