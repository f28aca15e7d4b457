import 'server-only';
import type { RetryJobInput } from '@/lib/schemas/jobs';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { ConflictError, NotFoundError } from '@/server/errors';
import { JOBS } from './registry';

/** A job as the administrators' page shows it. */
export type JobRow = {
  id: string;
  kind: string;
  label: string;
  attempts: number;
  maxAttempts: number;
  lastError: string | null;
  /** DEAD: when it gave up; QUEUED: when it is tried next. */
  at: string;
};

export type JobOverview = {
  counts: { queued: number; running: number; dead: number; doneLastDay: number };
  dead: JobRow[];
  retrying: JobRow[];
  recurring: { kind: string; label: string; nextRunAt: string; lastRunAt: string | null }[];
};

const labelOf = (kind: string) => JOBS[kind]?.label ?? `Unknown kind "${kind}"`;
const LISTED = 100;

/** The jobs page: what is waiting, what failed for good (dead letters), what is being retried. */
export async function findJobOverview(now = new Date()): Promise<JobOverview> {
  const [counts] = await db.$queryRaw<{ queued: number; running: number; dead: number; doneLastDay: number }[]>`
    SELECT COUNT(*) FILTER (WHERE state = 'QUEUED')::int AS queued,
           COUNT(*) FILTER (WHERE state = 'RUNNING')::int AS running,
           COUNT(*) FILTER (WHERE state = 'DEAD')::int AS dead,
           COUNT(*) FILTER (WHERE state = 'DONE' AND "finishedAt" >= ${new Date(now.getTime() - 86_400_000)})::int AS "doneLastDay"
    FROM jobs`;
  const select = { id: true, kind: true, attempts: true, maxAttempts: true, lastError: true, finishedAt: true, runAt: true } as const;
  const [dead, retrying, schedules] = await Promise.all([
    db.job.findMany({ where: { state: 'DEAD' }, orderBy: [{ finishedAt: 'desc' }, { id: 'asc' }], take: LISTED, select }),
    db.job.findMany({ where: { state: 'QUEUED', lastError: { not: null } }, orderBy: [{ runAt: 'asc' }, { id: 'asc' }], take: LISTED, select }),
    db.jobSchedule.findMany({ orderBy: { kind: 'asc' } }),
  ]);
  const row = (j: (typeof dead)[number], at: Date | null): JobRow => ({
    id: j.id, kind: j.kind, label: labelOf(j.kind), attempts: j.attempts, maxAttempts: j.maxAttempts, lastError: j.lastError, at: (at ?? j.runAt).toISOString(),
  });
  return {
    counts: counts!,
    dead: dead.map((j) => row(j, j.finishedAt)),
    retrying: retrying.map((j) => row(j, j.runAt)),
    recurring: schedules
      .filter((s) => JOBS[s.kind]?.every)
      .map((s) => ({ kind: s.kind, label: labelOf(s.kind), nextRunAt: s.nextRunAt.toISOString(), lastRunAt: s.lastRunAt?.toISOString() ?? null })),
  };
}

/** A dead job queued again from its first attempt, now; the earlier failure stays in the audit trail. */
export async function retryJob(actor: Actor, input: RetryJobInput) {
  return db.$transaction(async (tx) => {
    const [job] = await tx.$queryRaw<{ id: string; kind: string; state: string; attempts: number; lastError: string | null }[]>`
      SELECT id, kind, state::text AS state, attempts, "lastError" FROM jobs WHERE id = ${input.jobId} FOR UPDATE`;
    if (!job) throw new NotFoundError('No such job: it may have been removed. Reload the page.');
    if (job.state !== 'DEAD') {
      throw new ConflictError(job.state === 'DONE' ? 'That job has already run successfully.' : 'That job is already queued or running. Reload the page.');
    }
    await tx.job.update({
      where: { id: job.id },
      data: { state: 'QUEUED', attempts: 0, runAt: new Date(), finishedAt: null, lockedBy: null, lockedUntil: null },
    });
    await recordAudit(tx, actor, {
      entityType: 'Job', entityId: job.id, action: 'job.retried',
      before: { state: 'DEAD', attempts: job.attempts }, after: { state: 'QUEUED', attempts: 0 },
      context: { job: labelOf(job.kind), lastError: job.lastError },
    });
    return { label: labelOf(job.kind) };
  });
}
