import type { Db } from '@/server/db';

/** What a job's code gets: the database the runner uses, and the job's own facts. */
export type JobContext = { db: Db; jobId: string; attempt: number; maxAttempts: number; now: Date };

/** A kind of job: what runs, how often it may be tried, and (for recurring jobs) when it is due. */
export type JobDefinition = {
  /** What it does, in an administrator's words ("Sign out expired sessions"). */
  label: string;
  /** Runs the job. Throwing fails this attempt: it is retried with backoff, then dead-lettered. */
  run(payload: unknown, context: JobContext): Promise<void>;
  /** Attempts before the job is dead (default 5). */
  maxAttempts?: number;
  /** Wait before attempt n+1 after attempt n failed (default: 10 s doubling, at most an hour). */
  backoffMs?(attempt: number): number;
  /** Recurring: the next time it is due strictly after `after` (server/jobs/schedule.ts). */
  every?(after: Date): Date;
};

export type JobRegistry = Record<string, JobDefinition>;
