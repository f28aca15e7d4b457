import 'server-only';
import os from 'node:os';
import type { Db } from '@/server/db';
import { defaultBackoffMs } from './schedule';
import type { JobDefinition, JobRegistry } from './types';

export type RunnerOptions = {
  db: Db;
  registry: JobRegistry;
  /** Names this runner in `jobs.lockedBy` (default: host, process and a random part). */
  id?: string;
  /** How long a claim lasts without a heartbeat; a runner killed mid-job frees its jobs after this. */
  leaseMs?: number;
  /** Pause between polls when nothing was due. */
  pollMs?: number;
  /** Jobs run at once by this runner. */
  concurrency?: number;
  /** The clock (tests move it). */
  now?: () => Date;
  log?: (line: string) => void;
};

type Claimed = { id: string; kind: string; payload: unknown; attempts: number; maxAttempts: number };

export type JobRunner = {
  readonly id: string;
  /** One poll: enqueue due schedules, claim and run what is due; the number of jobs run. */
  tick(): Promise<number>;
  /** Polls until stop(). */
  start(): void;
  /** Stops polling and waits for the jobs in hand to finish. */
  stop(): Promise<void>;
};

/**
 * The durable job runner (docs/decisions/008-jobs.md). Any number of runners, in any number of
 * processes, share the `jobs` table: a job is claimed with FOR UPDATE SKIP LOCKED, so two runners
 * never claim the same job, and the claim is a lease kept alive by a heartbeat while the job runs.
 * A runner killed mid-job stops its heartbeat; when the lease runs out another runner claims the
 * job again (counted as an attempt). The finish is guarded by the lease holder, so a job is marked
 * done once. A failed attempt is retried after a backoff; after its last attempt the job is DEAD
 * (listed for administrators, who can retry it).
 */
export function createJobRunner(options: RunnerOptions): JobRunner {
  const { db, registry } = options;
  const id = options.id ?? `${os.hostname()}:${process.pid}:${crypto.randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 60_000;
  const pollMs = options.pollMs ?? 1_000;
  const concurrency = options.concurrency ?? 2;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.log(`[accord jobs] ${line}`));
  const inFlight = new Set<Promise<void>>();
  let timer: NodeJS.Timeout | null = null;
  let stopping = false;
  let schedulesReady = false;

  /** Makes sure each recurring kind has its schedule row (first due at its next occurrence). */
  async function ensureSchedules() {
    const at = now();
    for (const [kind, definition] of Object.entries(registry)) {
      if (!definition.every) continue;
      await db.$executeRaw`INSERT INTO job_schedules (kind, "nextRunAt") VALUES (${kind}, ${definition.every(at)}) ON CONFLICT (kind) DO NOTHING`;
    }
    schedulesReady = true;
  }

  /** Due schedules → one job each (however many ticks were missed), next occurrence after now. */
  async function enqueueDueSchedules() {
    if (!schedulesReady) await ensureSchedules();
    const at = now();
    // Nearly every poll finds nothing due: one plain read says so, without the transaction and its
    // row locks (a poll on the embedded database: 8.1 → 4.2 ms of CPU; docs/decisions/008).
    const anyDue = await db.$queryRaw<unknown[]>`SELECT 1 FROM job_schedules WHERE "nextRunAt" <= ${at} LIMIT 1`;
    if (anyDue.length === 0) return;
    await db.$transaction(async (tx) => {
      const due = await tx.$queryRaw<{ kind: string; nextRunAt: Date }[]>`
        SELECT kind, "nextRunAt" FROM job_schedules WHERE "nextRunAt" <= ${at} ORDER BY kind FOR UPDATE SKIP LOCKED`;
      for (const schedule of due) {
        const every = registry[schedule.kind]?.every;
        if (!every) continue; // a schedule this version of the code does not know: left alone
        const dedupeKey = `${schedule.kind}@${schedule.nextRunAt.toISOString()}`;
        await tx.$executeRaw`
          INSERT INTO jobs (id, kind, payload, "runAt", "dedupeKey", "maxAttempts")
          VALUES (${`s${at.getTime().toString(36)}${crypto.randomUUID().slice(0, 12)}`}, ${schedule.kind}, '{}'::jsonb, ${at}, ${dedupeKey}, ${registry[schedule.kind]!.maxAttempts ?? 5})
          ON CONFLICT ("dedupeKey") DO NOTHING`;
        await tx.$executeRaw`UPDATE job_schedules SET "nextRunAt" = ${every(at)}, "lastRunAt" = ${at} WHERE kind = ${schedule.kind}`;
      }
    });
  }

  async function claim(limit: number): Promise<Claimed[]> {
    const at = now();
    return db.$queryRaw<Claimed[]>`
      UPDATE jobs SET state = 'RUNNING', attempts = attempts + 1, "lockedBy" = ${id},
             "lockedUntil" = ${new Date(at.getTime() + leaseMs)}, "startedAt" = ${at}
      WHERE id IN (
        SELECT id FROM jobs
        WHERE (state = 'QUEUED' AND "runAt" <= ${at}) OR (state = 'RUNNING' AND "lockedUntil" < ${at})
        ORDER BY "runAt", id
        LIMIT ${limit}
        FOR UPDATE SKIP LOCKED)
      RETURNING id, kind, payload, attempts, "maxAttempts"`;
  }

  async function finish(job: Claimed, error: unknown, definition: JobDefinition | undefined) {
    const at = now();
    if (error === null) {
      const done = await db.$executeRaw`
        UPDATE jobs SET state = 'DONE', "finishedAt" = ${at}, "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = NULL
        WHERE id = ${job.id} AND "lockedBy" = ${id} AND state = 'RUNNING'`;
      if (done === 0) log(`${job.kind} ${job.id}: finished after its lease was taken over by another runner; not marked again`);
      return;
    }
    const message = (error instanceof Error ? error.message : String(error)).slice(0, 2_000);
    if (job.attempts >= job.maxAttempts) {
      await db.$executeRaw`
        UPDATE jobs SET state = 'DEAD', "finishedAt" = ${at}, "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = ${message}
        WHERE id = ${job.id} AND "lockedBy" = ${id} AND state = 'RUNNING'`;
      log(`${job.kind} ${job.id}: dead after ${job.attempts} attempts: ${message}`);
      return;
    }
    const wait = (definition?.backoffMs ?? defaultBackoffMs)(job.attempts);
    await db.$executeRaw`
      UPDATE jobs SET state = 'QUEUED', "runAt" = ${new Date(at.getTime() + wait)}, "lockedBy" = NULL, "lockedUntil" = NULL, "lastError" = ${message}
      WHERE id = ${job.id} AND "lockedBy" = ${id} AND state = 'RUNNING'`;
  }

  async function runOne(job: Claimed) {
    const definition = registry[job.kind];
    if (!definition) return finish({ ...job, attempts: job.maxAttempts }, new Error(`No job kind "${job.kind}" in this version of Accord.`), undefined);
    if (job.attempts > job.maxAttempts) {
      // Claimed again after its last attempt's lease ran out: the runner stopped during every attempt.
      return finish(job, new Error(`The runner stopped during each of its ${job.maxAttempts} attempts.`), definition);
    }
    const heartbeat = setInterval(() => {
      db.$executeRaw`UPDATE jobs SET "lockedUntil" = ${new Date(now().getTime() + leaseMs)} WHERE id = ${job.id} AND "lockedBy" = ${id} AND state = 'RUNNING'`
        .catch((error: unknown) => log(`heartbeat of ${job.id} failed: ${String(error)}`));
    }, Math.max(50, Math.floor(leaseMs / 3)));
    let failure: unknown = null;
    try {
      await definition.run(job.payload, { db, jobId: job.id, attempt: job.attempts, maxAttempts: job.maxAttempts, now: now() });
    } catch (error) {
      failure = error ?? new Error('failed');
    } finally {
      clearInterval(heartbeat);
    }
    await finish(job, failure, definition);
  }

  async function tick(): Promise<number> {
    await enqueueDueSchedules();
    const free = concurrency - inFlight.size;
    if (free <= 0) return 0;
    const jobs = await claim(free);
    const runs = jobs.map((job) => {
      const run = runOne(job).catch((error: unknown) => log(`${job.kind} ${job.id}: could not record the outcome: ${String(error)}`));
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run));
      return run;
    });
    await Promise.all(runs);
    return jobs.length;
  }

  /** The poll under way, if any: stop() waits for it, so nothing touches the database after. */
  let polling: Promise<void> | null = null;
  function schedule(delay: number) {
    if (stopping) return;
    timer = setTimeout(() => {
      timer = null;
      polling = tick().then(
        (ran) => schedule(ran > 0 ? 0 : pollMs),
        (error: unknown) => {
          // The database may be down (issue 8's outages): keep polling, quietly, until it is back.
          log(`poll failed: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
          schedule(Math.max(pollMs, 5_000));
        },
      );
    }, delay);
  }

  return {
    id,
    tick,
    start() {
      stopping = false;
      if (!timer) schedule(0);
    },
    async stop() {
      stopping = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await polling;
      await Promise.all([...inFlight]);
    },
  };
}
