import 'server-only';
import { everyMinutes } from './schedule';
import type { JobRegistry } from './types';

const DAY = 24 * 60;

/**
 * Every kind of job Accord runs. A job names its kind; a kind not listed here (a job queued by a
 * newer version, say) is dead-lettered with a message rather than lost silently.
 */
export const JOBS: JobRegistry = {
  /** Sign-in sessions past their absolute expiry: removed hourly (they are refused anyway). */
  'sessions.sweep': {
    label: 'Remove expired sign-in sessions',
    every: everyMinutes(60),
    async run(_payload, { db, now }) {
      await db.session.deleteMany({ where: { expiresAt: { lt: now } } });
    },
  },
  /** Finished jobs are kept 14 days for the record, then removed; dead ones stay until handled. */
  'jobs.sweep': {
    label: 'Remove finished jobs older than 14 days',
    every: everyMinutes(DAY),
    async run(_payload, { db, now }) {
      await db.job.deleteMany({ where: { state: 'DONE', finishedAt: { lt: new Date(now.getTime() - 14 * DAY * 60_000) } } });
    },
  },
};
