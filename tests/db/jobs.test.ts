import { spawn } from 'node:child_process';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from '@/server/db/client';
import { userActor } from '@/server/auth/actor';
import { findJobOverview } from '@/server/jobs/admin';
import { retryJobCommand } from '@/server/jobs/commands';
import { enqueueJob } from '@/server/jobs/queue';
import { createJobRunner, type RunnerOptions } from '@/server/jobs/runner';
import { everyMinutes } from '@/server/jobs/schedule';
import type { JobRegistry } from '@/server/jobs/types';
import { createUser } from '@/tests/factories/builders';
import { openTestDatabase, testEngine, TEST_POSTGRES_URL, type TestDatabase } from '@/tests/support/test-database';

// Issue 16, durable jobs (docs/decisions/008-jobs.md): claimed once, retried with backoff, dead
// after the last attempt, recurring jobs caught up once after downtime; on PostgreSQL two runners
// share 1,000 jobs and each runs exactly once, and a runner killed mid-job leaves its job to be
// retried and finished once.
let t: TestDatabase;
const quiet = () => {};

beforeAll(async () => {
  t = await openTestDatabase();
  await t.db.$executeRawUnsafe(`CREATE TABLE job_probe (id serial PRIMARY KEY, "jobId" text NOT NULL, event text NOT NULL, runner text)`);
});
afterAll(async () => {
  await t?.close();
});
beforeEach(async () => {
  for (const table of ['jobs', 'job_schedules', 'job_probe']) await t.db.$executeRawUnsafe(`DELETE FROM ${table}`);
});

/** A clock the test moves. */
function clock(start = '2026-12-07T08:00:00Z') {
  let at = new Date(start).getTime();
  return { now: () => new Date(at), advance: (ms: number) => (at += ms) };
}

const probe: JobRegistry = {
  'probe.work': {
    label: 'Probe',
    async run(_payload, { db, jobId }) {
      await db.$executeRaw`INSERT INTO job_probe ("jobId", event) VALUES (${jobId}, 'finished')`;
    },
  },
};
const runner = (options: Partial<RunnerOptions> = {}) => createJobRunner({ db: t.db, registry: probe, log: quiet, ...options });
const job = (id: string) => t.db.job.findUniqueOrThrow({ where: { id } });
const finished = async () => (await t.db.$queryRaw<{ n: number }[]>`SELECT COUNT(*)::int AS n FROM job_probe WHERE event = 'finished'`)[0]!.n;

describe('the job runner', () => {
  it('runs a due job once and marks it done; a job due later waits; a dedupe key queues once', async () => {
    const c = clock();
    const now = await enqueueJob('probe.work', { n: 1 }, { runAt: c.now() });
    const later = await enqueueJob('probe.work', {}, { runAt: new Date(c.now().getTime() + 60_000) });
    expect(await enqueueJob('probe.work', {}, { dedupeKey: 'only-once', runAt: new Date(c.now().getTime() + 120_000) })).not.toBeNull();
    expect(await enqueueJob('probe.work', {}, { dedupeKey: 'only-once' })).toBeNull();
    const r = runner({ now: c.now });
    expect(await r.tick()).toBe(1);
    expect(await job(now!)).toMatchObject({ state: 'DONE', attempts: 1, lockedBy: null, lastError: null });
    expect(await job(later!)).toMatchObject({ state: 'QUEUED', attempts: 0 });
    expect(await r.tick()).toBe(0);
    c.advance(60_000);
    expect(await r.tick()).toBe(1);
    expect(await finished()).toBe(2);
    expect(await t.db.job.count()).toBe(3);
  });

  it('retries a failing job with a growing wait, then dead-letters it with the last error', async () => {
    const c = clock();
    let calls = 0;
    const r = runner({
      now: c.now,
      registry: { 'probe.fail': { label: 'Probe that fails', maxAttempts: 3, backoffMs: (n) => n * 1_000, async run() { calls += 1; throw new Error(`refused by the receiver (call ${calls})`); } } },
    });
    const id = (await enqueueJob('probe.fail', {}, { runAt: c.now(), maxAttempts: 3 }))!;
    await r.tick();
    expect(await job(id)).toMatchObject({ state: 'QUEUED', attempts: 1, lastError: 'refused by the receiver (call 1)', runAt: new Date(c.now().getTime() + 1_000) });
    expect(await r.tick()).toBe(0); // not before its backoff
    c.advance(1_000);
    await r.tick();
    expect(await job(id)).toMatchObject({ state: 'QUEUED', attempts: 2, runAt: new Date(c.now().getTime() + 2_000) });
    c.advance(2_000);
    await r.tick();
    expect(await job(id)).toMatchObject({ state: 'DEAD', attempts: 3, lastError: 'refused by the receiver (call 3)' });
    c.advance(3_600_000);
    expect(await r.tick()).toBe(0);
    expect(calls).toBe(3);
  });

  it('dead-letters a job of a kind this version does not know, saying so', async () => {
    const id = (await enqueueJob('no.such.kind'))!;
    await runner().tick();
    expect(await job(id)).toMatchObject({ state: 'DEAD', lastError: 'No job kind "no.such.kind" in this version of Accord.' });
  });

  it('runs a recurring job once after downtime, however many occurrences were missed', async () => {
    const c = clock('2026-12-07T08:00:00Z');
    let runs = 0;
    const registry: JobRegistry = { 'probe.hourly': { label: 'Hourly probe', every: everyMinutes(60), async run() { runs += 1; } } };
    const first = runner({ now: c.now, registry });
    await first.tick();
    expect(await t.db.jobSchedule.findUniqueOrThrow({ where: { kind: 'probe.hourly' } })).toMatchObject({ nextRunAt: new Date('2026-12-07T09:00:00Z') });
    expect(runs).toBe(0);
    c.advance(60 * 60_000); // 09:00: due
    await first.tick();
    expect(runs).toBe(1);
    // The app is down from 09:00 to 14:30: five occurrences (10:00 … 14:00) pass unseen.
    c.advance(5.5 * 60 * 60_000);
    const afterDowntime = runner({ now: c.now, registry });
    await afterDowntime.tick();
    await afterDowntime.tick();
    expect(runs).toBe(2);
    expect(await t.db.jobSchedule.findUniqueOrThrow({ where: { kind: 'probe.hourly' } })).toMatchObject({
      nextRunAt: new Date('2026-12-07T15:00:00Z'), lastRunAt: new Date('2026-12-07T14:30:00Z'),
    });
    expect(await t.db.job.count({ where: { kind: 'probe.hourly', state: 'DONE' } })).toBe(2);
  });

  it('runs a one-off job that fell due during downtime once, when a runner is back', async () => {
    const c = clock();
    const id = (await enqueueJob('probe.work', {}, { runAt: c.now() }))!;
    c.advance(3 * 24 * 3_600_000); // three days later
    const r = runner({ now: c.now });
    await r.tick();
    await r.tick();
    expect(await job(id)).toMatchObject({ state: 'DONE', attempts: 1 });
    expect(await finished()).toBe(1);
  });

  it('start() polls until stop(), which waits for the job in hand', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let ended = false;
    const r = runner({ pollMs: 20, registry: { 'probe.slow': { label: 'Slow probe', async run() { await held; ended = true; } } } });
    const id = (await enqueueJob('probe.slow'))!;
    r.start();
    await expect.poll(async () => (await job(id)).state, { timeout: 10_000 }).toBe('RUNNING');
    const stopped = r.stop();
    release();
    await stopped;
    expect(ended).toBe(true);
    expect(await job(id)).toMatchObject({ state: 'DONE' });
  });
});

describe('the administrators\' jobs page', () => {
  it('lists dead and retrying jobs with their errors; a retry queues a dead job from its first attempt, audited', async () => {
    const admin = userActor(await createUser(t.db, { role: 'ADMIN' }));
    const dead = await t.db.job.create({ data: { kind: 'sessions.sweep', state: 'DEAD', attempts: 5, lastError: 'connection refused', finishedAt: new Date() } });
    const waiting = await t.db.job.create({ data: { kind: 'jobs.sweep', state: 'QUEUED', attempts: 2, lastError: 'timeout', runAt: new Date(Date.now() + 60_000) } });
    const unknown = await t.db.job.create({ data: { kind: 'gone.kind', state: 'DEAD', attempts: 1, lastError: 'No job kind', finishedAt: new Date(Date.now() - 1_000) } });
    const overview = await findJobOverview();
    expect(overview.counts).toMatchObject({ queued: 1, running: 0, dead: 2 });
    expect(overview.dead.map((j) => [j.id, j.label, j.lastError])).toEqual([
      [dead.id, 'Remove expired sign-in sessions', 'connection refused'],
      [unknown.id, 'Unknown kind "gone.kind"', 'No job kind'],
    ]);
    expect(overview.retrying.map((j) => [j.id, j.attempts, j.at])).toEqual([[waiting.id, 2, waiting.runAt.toISOString()]]);

    const result = await retryJobCommand(admin, { jobId: dead.id });
    expect(result).toMatchObject({ status: 'success', message: '"Remove expired sign-in sessions" is queued again and runs within a few seconds.' });
    expect(await job(dead.id)).toMatchObject({ state: 'QUEUED', attempts: 0, finishedAt: null });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entityType: 'Job', entityId: dead.id } });
    expect(audit).toMatchObject({ action: 'job.retried', actorId: admin.userId });
    expect(await retryJobCommand(admin, { jobId: dead.id })).toMatchObject({ status: 'error', code: 409 });
    expect(await retryJobCommand(admin, { jobId: 'no-such-job' })).toMatchObject({ status: 'error', code: 404 });
    expect(await retryJobCommand(admin, { jobId: 'a\u0000b' })).toMatchObject({ status: 'error', code: 422 });
  });
});

describe.runIf(testEngine() === 'postgresql')('several runners on one PostgreSQL', () => {
  const second: DatabaseHandle[] = [];
  afterAll(async () => {
    await Promise.all(second.map((h) => h.close()));
  });

  it('stop() also waits for a poll under way: the database closed right after it sees no more statements', async () => {
    const own = createDatabase({ engine: 'postgresql', connectionString: TEST_POSTGRES_URL, schema: t.schema! });
    const lines: string[] = [];
    const r = createJobRunner({ db: own.db, registry: { 'probe.hourly': { label: 'Hourly probe', every: everyMinutes(60), async run() {} } }, log: (line) => lines.push(line) });
    r.start();
    await new Promise((resolve) => setTimeout(resolve, 0)); // the first poll has begun
    await r.stop();
    await own.close(); // as the app does on SIGTERM
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(lines, 'a poll that went on after stop() met the closed pool').toEqual([]);
  });

  it('two runners on two connections pools share 1,000 jobs: each runs exactly once', async () => {
    const other = createDatabase({ engine: 'postgresql', connectionString: TEST_POSTGRES_URL, schema: t.schema! });
    second.push(other);
    await t.db.$executeRawUnsafe(`INSERT INTO jobs (id, kind) SELECT 'bulk-' || n, 'probe.work' FROM generate_series(1, 1000) AS n`);
    const registry = (name: string): JobRegistry => ({
      'probe.work': {
        label: 'Probe',
        async run(_payload, { db, jobId }) {
          await db.$executeRaw`INSERT INTO job_probe ("jobId", event, runner) VALUES (${jobId}, 'finished', ${name})`;
        },
      },
    });
    const a = createJobRunner({ db: t.db, registry: registry('a'), id: 'runner-a', concurrency: 4, log: quiet });
    const b = createJobRunner({ db: other.db, registry: registry('b'), id: 'runner-b', concurrency: 4, log: quiet });
    const drain = async (r: typeof a) => {
      while ((await r.tick()) > 0) { /* until nothing is left */ }
    };
    await Promise.all([drain(a), drain(b)]);
    const [counts] = await t.db.$queryRaw<{ runs: number; jobs: number; a: number; b: number }[]>`
      SELECT COUNT(*)::int AS runs, COUNT(DISTINCT "jobId")::int AS jobs,
             COUNT(*) FILTER (WHERE runner = 'a')::int AS a, COUNT(*) FILTER (WHERE runner = 'b')::int AS b
      FROM job_probe`;
    expect(counts).toMatchObject({ runs: 1000, jobs: 1000 });
    expect(counts!.a).toBeGreaterThan(0);
    expect(counts!.b).toBeGreaterThan(0);
    expect(await t.db.job.count({ where: { state: 'DONE', attempts: 1 } })).toBe(1000);
  }, 120_000);

  it('a runner killed mid-job: its lease runs out, another runner retries the job and it finishes once', async () => {
    const id = (await enqueueJob('probe.work'))!;
    const child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/support/job-runner-child.ts', TEST_POSTGRES_URL, t.schema!, '1500'], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => { if (d.toString().includes(`running ${id}`)) resolve(); });
      child.once('exit', (code) => reject(new Error(`the child runner exited (${code}) before running the job`)));
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    expect(await job(id)).toMatchObject({ state: 'RUNNING', lockedBy: 'doomed-runner', attempts: 1 });
    const survivor = runner({ id: 'survivor' });
    expect(await survivor.tick()).toBe(0); // the lease still holds
    await expect.poll(async () => survivor.tick(), { timeout: 15_000, interval: 250 }).toBe(1);
    expect(await job(id)).toMatchObject({ state: 'DONE', attempts: 2, lockedBy: null });
    const events = await t.db.$queryRaw<{ event: string }[]>`SELECT event FROM job_probe WHERE "jobId" = ${id} ORDER BY id`;
    expect(events.map((e) => e.event)).toEqual(['started', 'finished']);
    expect(await survivor.tick()).toBe(0);
  }, 60_000);

  it('npm run worker runs the app\'s own jobs alone, and finishes on SIGTERM', async () => {
    const user = await createUser(t.db, { role: 'EXECUTIVE' });
    const expired = await t.db.session.create({ data: { token: 'expired-token', userId: user.id, expiresAt: new Date(Date.now() - 60_000) } });
    const current = await t.db.session.create({ data: { token: 'current-token', userId: user.id, expiresAt: new Date(Date.now() + 3_600_000) } });
    const id = (await enqueueJob('sessions.sweep'))!;
    const worker = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'scripts/worker.ts'], {
      env: { ...process.env, DATABASE_URL: `${TEST_POSTGRES_URL}?schema=${t.schema}`, ACCORD_JOBS: 'off', ACCORD_JOBS_POLL_MS: '100' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    worker.stdout.on('data', (d: Buffer) => (output += d.toString()));
    await expect.poll(async () => (await job(id)).state, { timeout: 30_000, interval: 200 }).toBe('DONE');
    expect(await t.db.session.findMany({ where: { id: { in: [expired.id, current.id] } }, select: { id: true } })).toEqual([{ id: current.id }]);
    worker.kill('SIGTERM');
    const code = await new Promise((resolve) => worker.once('exit', resolve));
    expect(code).toBe(0);
    expect(output).toContain('polling PostgreSQL');
    expect(output).toContain('SIGTERM: finishing the jobs in hand');
  }, 60_000);
});
