import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { autovacuumRuns, maintainDatabase, sendPendingCounts, tablesDue } from '@/server/db/maintenance';
import { JOBS } from '@/server/jobs/registry';
import { createJobRunner } from '@/server/jobs/runner';
import { startJobRunner, stopJobRunner } from '@/server/jobs/start';
import { openTestDatabase, testEngine, type TestDatabase } from '@/tests/support/test-database';

// The embedded database never vacuums on its own (docs/decisions/028-database-maintenance.md): a
// table's updates leave dead rows and its trigram indexes' pending entries for every later search
// to read. The 'database.vacuum' job tidies what autovacuum's rule says is due. Measured in pages
// read by the search's own statement (EXPLAIN BUFFERS), not in milliseconds: a count, not a timing.
let t: TestDatabase;
const ROWS = 3_000;

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(async () => {
  await t?.close();
});

type Plan = { Plan: { 'Shared Hit Blocks': number; 'Shared Read Blocks': number } };
/** Pages the search for a word nobody wrote reads (a trigram index scan over organizations' names). */
async function pagesReadBySearch(): Promise<number> {
  const [row] = await t.db.$queryRawUnsafe<{ 'QUERY PLAN': Plan[] }[]>(
    `EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) SELECT count(*) FROM organizations WHERE name ILIKE '%zzqqxx%'`,
  );
  const plan = row!['QUERY PLAN'][0]!.Plan;
  return plan['Shared Hit Blocks'] + plan['Shared Read Blocks'];
}

/** PostgreSQL counts a statement's rows a moment after it: wait for its statistics to show them. */
async function statsShow(table: string, dead: number) {
  await expect
    .poll(async () => (await t.db.$queryRaw<{ n: bigint }[]>`SELECT n_dead_tup AS n FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = ${table}`)[0]?.n ?? 0n, { timeout: 20_000, interval: 250 })
    .toBeGreaterThanOrEqual(BigInt(dead));
}

describe('database maintenance', () => {
  it('knows that no autovacuum runs here (PGlite never has one; this machine’s PostgreSQL has it off)', async () => {
    const launcher = testEngine() === 'pglite' ? false : (await t.db.$queryRaw<{ on: string }[]>`SELECT current_setting('autovacuum') AS on`)[0]!.on === 'on';
    expect(await autovacuumRuns(t.db)).toBe(launcher);
  });

  it('the first run of a process vacuums every table of the schema (PGlite forgets its counters at every start), analyzing only what is due', async () => {
    const schemaTables = (await t.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = current_schema()`)[0]!.n;
    await sendPendingCounts(t.db); // as maintainDatabase does first: the same counts on both sides
    const due = new Set((await tablesDue(t.db)).filter((c) => c.analyze).map((c) => c.table));
    const first = await maintainDatabase(t.db);
    expect(first).toMatchObject({ ran: true, catchUp: true });
    expect(first.ran && first.tables.length).toBe(schemaTables);
    expect(first.ran && first.tables.every((c) => c.vacuum && c.analyze === due.has(c.table))).toBe(true);
    expect(await maintainDatabase(t.db)).toEqual({ ran: true, catchUp: false, tables: [] });
  });

  it('vacuums a table its updates left full of dead rows, and the search reads a fraction of the pages after', async () => {
    await t.db.$executeRawUnsafe(
      `INSERT INTO organizations (id, name, "updatedAt") SELECT 'vac-' || g, 'Organization ' || md5(g::text), now() FROM generate_series(1, ${ROWS}) g`,
    );
    // As maintainDatabase does: the insert's counts sent before the vacuum that zeroes them, else
    // they may arrive after it (a second later) and make the table due again.
    await sendPendingCounts(t.db);
    await t.db.$executeRawUnsafe(`VACUUM ANALYZE organizations`);
    const clean = await pagesReadBySearch();
    expect(await tablesDue(t.db)).not.toContainEqual(expect.objectContaining({ table: 'organizations' }));

    // Every row renamed twice, as a year of edits would: dead rows, pending index entries.
    for (const suffix of [' Ltd', ' Group']) {
      await t.db.$executeRawUnsafe(`UPDATE organizations SET name = name || '${suffix}' WHERE id LIKE 'vac-%'`);
    }
    await statsShow('organizations', ROWS);
    const messy = await pagesReadBySearch();
    expect(messy).toBeGreaterThan(clean * 3);
    expect(await tablesDue(t.db)).toContainEqual({ table: 'organizations', vacuum: true, analyze: true });

    // Through the job runner, as the app runs it.
    const runner = createJobRunner({ db: t.db, registry: { 'database.vacuum': JOBS['database.vacuum']! }, log: () => {} });
    await t.db.job.create({ data: { kind: 'database.vacuum', runAt: new Date(0) } });
    expect(await runner.tick()).toBe(1);
    expect(await t.db.job.findFirstOrThrow({ where: { kind: 'database.vacuum' } })).toMatchObject({ state: 'DONE', lastError: null });

    const tidy = await pagesReadBySearch();
    expect(tidy).toBeLessThanOrEqual(clean * 2);
    const [after] = await t.db.$queryRaw<{ vacuumed: boolean; analyzed: boolean }[]>`
      SELECT last_vacuum IS NOT NULL AS vacuumed, last_analyze IS NOT NULL AS analyzed
      FROM pg_stat_user_tables WHERE schemaname = current_schema() AND relname = 'organizations'`;
    expect(after).toEqual({ vacuumed: true, analyzed: true });
  });

  it('leaves alone what is not due: a few changes wait, and a run right after a run finds nothing to do', async () => {
    await maintainDatabase(t.db);
    await t.db.$executeRawUnsafe(`UPDATE organizations SET name = name WHERE id IN ('vac-1', 'vac-2', 'vac-3')`);
    expect(await maintainDatabase(t.db)).toEqual({ ran: true, catchUp: false, tables: [] });
  });

  it('counts a write made just before it ahead of its vacuum, so the table is not due again right after', async () => {
    // The counts just sent, so the session keeps the insert's back (it sends at most once a second).
    await sendPendingCounts(t.db);
    await t.db.$executeRawUnsafe(
      `INSERT INTO organizations (id, name, "updatedAt") SELECT 'late-' || g, 'Late ' || g, now() FROM generate_series(1, ${ROWS}) g`,
    );
    const run = await maintainDatabase(t.db);
    expect(run.ran && run.tables.map((c) => c.table)).toContain('organizations');
    // Whatever this session still held back, sent now: nothing of the insert may count after the vacuum.
    await sendPendingCounts(t.db);
    expect(await tablesDue(t.db)).not.toContainEqual(expect.objectContaining({ table: 'organizations' }));
  });

  it('a process that starts its job runner queues the catch-up for half a minute later, not the next 5-minute mark', async () => {
    await t.db.job.deleteMany({ where: { kind: 'database.vacuum' } });
    const before = Date.now();
    process.env.ACCORD_JOBS_POLL_MS = '600000';
    try {
      expect(startJobRunner()).not.toBeNull();
      await expect.poll(() => t.db.job.count({ where: { kind: 'database.vacuum' } })).toBe(1);
      const queued = await t.db.job.findFirstOrThrow({ where: { kind: 'database.vacuum' } });
      expect(queued.state).toBe('QUEUED');
      expect(queued.runAt.getTime() - before).toBeGreaterThanOrEqual(29_000);
      expect(queued.runAt.getTime() - before).toBeLessThan(60_000);
    } finally {
      await stopJobRunner();
      delete process.env.ACCORD_JOBS_POLL_MS;
    }
  });

  it('is a recurring job every 5 minutes, listed for administrators', () => {
    const job = JOBS['database.vacuum']!;
    expect(job.label).toMatch(/vacuum/i);
    expect(job.every!(new Date('2026-12-07T08:01:00Z')).toISOString()).toBe('2026-12-07T08:05:00.000Z');
  });
});
