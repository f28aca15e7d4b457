// When recurring jobs are due. Times are instants (UTC); a schedule in a person's own time zone
// (the digests) is computed by its own job from the person's zone.
import type { JobRegistry } from './types';

/** Every `minutes`, on the multiples of that interval since the Unix epoch (so every hour is on the hour). */
export function everyMinutes(minutes: number): (after: Date) => Date {
  const step = minutes * 60_000;
  return (after) => new Date((Math.floor(after.getTime() / step) + 1) * step);
}

/** The default wait before the next attempt: 10 s, doubling per attempt, at most an hour, ±20%. */
export function defaultBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}

/**
 * The same jobs with each recurring one due every minute instead of every quarter hour, hour or day:
 * for end-to-end tests (ACCORD_JOBS_EVERY_MINUTE=1, server/jobs/start.ts, playwright.config.ts). A
 * test that assumes the demo world holds still while the app's own jobs run (due dates, sweeps,
 * webhook retries) then fails within a run or two, not only when a quarter hour falls inside it (the
 * inbox spec's unread count, CI of 2026-12-06 at 10:30 UTC).
 */
export function everyRecurringJobEachMinute(registry: JobRegistry): JobRegistry {
  return Object.fromEntries(Object.entries(registry).map(([kind, job]) => [kind, job.every ? { ...job, every: everyMinutes(1) } : job]));
}
