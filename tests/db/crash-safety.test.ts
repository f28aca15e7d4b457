import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { userActor, type Actor } from '@/server/auth/actor';
import { createDatabase, installDatabase, type DatabaseHandle } from '@/server/db/client';
import type { DatabaseConfig } from '@/server/db/config';
import { bulkUpdateMilestones } from '@/server/milestones/structure';
import { createMilestone, createPartnership, createUser } from '@/tests/factories/builders';
import { migrateDataDir, openTestDatabase, testEngine } from '@/tests/support/test-database';

// Issue 8, crash safety: a process killed (SIGKILL: no cleanup, no rollback of its own) in the
// middle of a bulk milestone update leaves all of it or none of it. The update runs in a child
// process (tests/support/crash-bulk-update.ts) on this file's database: on PostgreSQL this file's
// schema, on PGlite a data directory the child opens and the test reopens after the kill.
const MILESTONES = 12;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-crash-'));
let config: DatabaseConfig;
let handle: DatabaseHandle | null = null;
let actor: Actor;
let child: ChildProcess | null = null;
let n = 0;

/** The database, open in this process (on PGlite only while no child holds it). */
async function open(): Promise<DatabaseHandle> {
  if (handle) return handle;
  handle = createDatabase(config);
  installDatabase(handle);
  return handle;
}
async function closeForChild() {
  if (testEngine() === 'postgresql' || !handle) return;
  installDatabase(undefined);
  await handle.close();
  handle = null;
}

beforeAll(async () => {
  if (testEngine() === 'postgresql') {
    handle = await openTestDatabase();
    config = handle.config;
  } else {
    config = { engine: 'pglite', dataDir: path.join(dir, 'pglite') };
    await migrateDataDir(config.dataDir!);
  }
  actor = userActor(await createUser((await open()).db, { role: 'BUSINESS_DEVELOPMENT' }));
});

afterEach(() => {
  child?.kill('SIGKILL');
  child = null;
});

afterAll(async () => {
  installDatabase(undefined);
  await handle?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function dealWithMilestones() {
  const { db } = await open();
  const p = await createPartnership(db, { ownerId: actor.userId!, slug: `crash-${++n}` });
  for (let i = 1; i <= MILESTONES; i++) await createMilestone(db, { partnershipId: p.id, title: `Step ${i}`, sortOrder: i, status: 'IN_PROGRESS' });
  return p.id;
}

function startChild(input: object): { lines: string[]; waitFor: (line: RegExp) => Promise<string>; exited: Promise<number | null> } {
  child = spawn(process.execPath, ['--conditions=react-server', '--import', 'tsx', 'tests/support/crash-bulk-update.ts'], {
    env: { ...process.env, ACCORD_CRASH_INPUT: JSON.stringify({ config, actor, ...input }) },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  const waiters: { line: RegExp; resolve: (l: string) => void }[] = [];
  let buffer = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    for (const line of parts) {
      lines.push(line);
      for (const w of waiters.filter((x) => x.line.test(line))) w.resolve(line);
    }
  });
  const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
  return {
    lines,
    exited,
    waitFor: (line) =>
      new Promise((resolve, reject) => {
        waiters.push({ line, resolve });
        exited.then((code) => reject(new Error(`the child exited (${code}) before printing ${line}; it printed: ${lines.join(' | ')}`)));
      }),
  };
}

async function kill(run: ReturnType<typeof startChild>) {
  child!.kill('SIGKILL');
  await run.exited;
  child = null;
}

type Row = { id: string; status: string; dueOn: Date | null; version: number };
async function milestonesOf(partnershipId: string): Promise<Row[]> {
  const { db } = await open();
  return db.milestone.findMany({ where: { partnershipId }, select: { id: true, status: true, dueOn: true, version: true }, orderBy: { sortOrder: 'asc' } });
}
async function auditRowsFor(rows: Row[]) {
  const { db } = await open();
  return db.auditEvent.count({ where: { entityId: { in: rows.map((r) => r.id) } } });
}

/** PostgreSQL: does another backend hold row locks on milestones (in this schema)? */
async function othersLockingMilestones(): Promise<number> {
  const { db } = await open();
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
    WHERE c.relname = 'milestones' AND c.relnamespace = current_schema()::regnamespace AND l.pid <> pg_backend_pid()`;
  return row!.n;
}

describe(`a process killed during a bulk update (${testEngine()})`, () => {
  it('killed in the middle of its transaction: nothing is written, and the rows are free again', async () => {
    const partnershipId = await dealWithMilestones();
    const before = await milestonesOf(partnershipId);
    await closeForChild();
    const run = startChild({ partnershipId, mode: 'pause', pauseAfter: MILESTONES / 2 });
    await run.waitFor(/^paused$/);
    if (testEngine() === 'postgresql') {
      // Mid-transaction for real: half the rows are written and locked, and invisible to others.
      expect(await othersLockingMilestones()).toBeGreaterThan(0);
      expect(await milestonesOf(partnershipId)).toEqual(before);
    }
    await kill(run);

    if (testEngine() === 'postgresql') {
      // The server notices the dead connection and rolls back; wait (bounded) for its locks to go.
      for (let i = 0; i < 100 && (await othersLockingMilestones()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
      expect(await othersLockingMilestones()).toBe(0);
    }
    // PGlite: this reopens the data directory the killed process left (stale lock taken over).
    const after = await milestonesOf(partnershipId);
    expect(after).toEqual(before);
    expect(await auditRowsFor(after)).toBe(0);

    // And the same bulk update goes through now, all of it.
    const done = await bulkUpdateMilestones(actor, { items: after.map((r) => ({ id: r.id, version: r.version })), status: 'DONE', dueOn: '2030-01-01' });
    expect(done).toEqual({ count: MILESTONES });
    expect((await milestonesOf(partnershipId)).every((r) => r.status === 'DONE' && r.version === 2)).toBe(true);
  });

  it('killed at an arbitrary moment among back-to-back bulk updates: every milestone shows the same last whole update', async () => {
    const partnershipId = await dealWithMilestones();
    await closeForChild();
    const run = startChild({ partnershipId, mode: 'loop' });
    await run.waitFor(/^committed 2$/);
    // Somewhere inside the third or a later update (the exact moment does not matter: whatever
    // it is, the invariant below must hold).
    await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 150)));
    await kill(run);
    const committed = Math.max(...run.lines.map((l) => Number(/^committed (\d+)$/.exec(l)?.[1] ?? 0)));

    const after = await milestonesOf(partnershipId);
    const versions = new Set(after.map((r) => r.version));
    const days = new Set(after.map((r) => r.dueOn?.toISOString().slice(0, 10)));
    expect(versions.size).toBe(1); // all or nothing: never some rows from one round, some from another
    expect(days.size).toBe(1);
    const rounds = [...versions][0]! - 1;
    // The last round it reported committed, or one more that committed before it could say so.
    expect(rounds === committed || rounds === committed + 1).toBe(true);
    expect(await auditRowsFor(after)).toBe(MILESTONES * rounds);
  });
});
