import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as notificationsRoute from '@/app/api/v1/notifications/route';
import * as readRoute from '@/app/api/v1/notifications/[id]/read/route';
import * as readAllRoute from '@/app/api/v1/notifications/read-all/route';
import type { Role } from '@/lib/domain';
import { addDays, type IsoDay } from '@/lib/dates';
import { recordAudit } from '@/server/audit/record';
import { userActor, type Actor } from '@/server/auth/actor';
import { updateCheckpointCommand } from '@/server/checkpoints/commands';
import { JOBS } from '@/server/jobs/registry';
import { createJobRunner } from '@/server/jobs/runner';
import { updateMilestoneCommand } from '@/server/milestones/commands';
import { createNoteCommand, editNoteCommand } from '@/server/notes/commands';
import { markAllReadCommand, markReadCommand, watchCommand } from '@/server/notifications/commands';
import { notifyDueDates } from '@/server/notifications/due';
import { fanoutAuditEvent } from '@/server/notifications/fanout';
import { FANOUT_JOB } from '@/server/notifications/queue';
import { findInbox } from '@/server/notifications/queries';
import { createApiToken } from '@/server/tokens/mutations';
import { createCheckpoint, createMilestone, createPartnership, createUser } from '@/tests/factories/builders';
import { actorsByRole } from '@/tests/support/actors';
import { HOSTILE_STRINGS } from '@/tests/support/hostile';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 16, the inbox: changes reach the people who own, watch or are mentioned by them, through a
// job queued in the change's own transaction; due dates reach them through a sweep every 15 minutes.

let t: TestDatabase;
let actors: Record<Role, Actor>;
let owner: Actor;
let deal: { id: string; slug: string };
const quiet = () => undefined;

beforeAll(async () => {
  t = await openTestDatabase();
  actors = await actorsByRole(t.db);
  owner = userActor(await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT', name: 'Olivia Owner' }));
  const p = await createPartnership(t.db, { ownerId: owner.userId!, name: 'Inbox deal', stage: 'NEGOTIATING' });
  deal = { id: p.id, slug: p.slug };
});
afterAll(() => t?.close());

/** Runs every queued job now, as the app's runner would (the real runner and registry). */
async function runJobs() {
  const runner = createJobRunner({ db: t.db, registry: JOBS, log: quiet, concurrency: 4 });
  while ((await runner.tick()) > 0);
  const dead = await t.db.job.findMany({ where: { state: 'DEAD' } });
  expect(dead.map((j) => `${j.kind}: ${j.lastError}`)).toEqual([]);
}

const inboxOf = async (a: Actor) => (await findInbox(a.userId!, { limit: 100 })).notifications;
const ok = <T,>(r: { status: string; message?: string; data?: T }) => {
  expect(r, r.message).toMatchObject({ status: 'success' });
  return r.data as T;
};

async function freshCheckpoint() {
  const c = await createCheckpoint(t.db, { partnershipId: deal.id, regulator: 'People’s Bank of China', requirement: 'Payment licence', status: 'UNDER_REVIEW' });
  return c;
}

describe('the inbox (issue 16)', () => {
  beforeEach(async () => {
    await t.db.job.deleteMany({});
  });

  it('a regulator’s decision reaches the deal’s owner and its watchers, never the person who recorded it', async () => {
    const c = await freshCheckpoint();
    ok(await watchCommand(actors.EXECUTIVE, { subjectType: 'partnership', subjectId: deal.id, watching: 'on' }));
    ok(await watchCommand(actors.BUSINESS_DEVELOPMENT, { subjectType: 'checkpoint', subjectId: c.id, watching: 'on' }));
    ok(await updateCheckpointCommand(actors.BUSINESS_DEVELOPMENT, { id: c.id, version: String(c.version), status: 'APPROVED', decidedOn: '2026-11-20' }));
    // Queued in the change's transaction; nothing is in anyone's inbox until the job runs.
    expect(await t.db.job.count({ where: { kind: FANOUT_JOB, state: 'QUEUED' } })).toBe(1);
    await runJobs();
    const [forExec] = await inboxOf(actors.EXECUTIVE);
    expect(forExec).toMatchObject({
      reason: 'DECISION', read: false, href: `/partnerships/${deal.slug}/checkpoints/${c.id}`,
      title: 'Regulator’s decision on People’s Bank of China (Payment licence): Approved',
    });
    expect(forExec!.detail).toContain('Status: Under review → Approved');
    expect((await inboxOf(owner)).map((n) => n.reason)).toEqual(['DECISION']);
    expect(await inboxOf(actors.BUSINESS_DEVELOPMENT), 'no news of one’s own action').toEqual([]);
    expect(await inboxOf(actors.ANALYST), 'nobody else').toEqual([]);
    ok(await watchCommand(actors.EXECUTIVE, { subjectType: 'partnership', subjectId: deal.id, watching: 'off' }));
  });

  it('a retried fan-out adds nothing, and a change that rolls back queues nothing', async () => {
    const c = await freshCheckpoint();
    ok(await updateCheckpointCommand(actors.BUSINESS_DEVELOPMENT, { id: c.id, version: String(c.version), status: 'REJECTED', decidedOn: '2026-11-21' }));
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: c.id, action: 'checkpoint.updated' }, orderBy: { id: 'desc' } });
    expect(await fanoutAuditEvent(t.db, event.id)).toBe(1);
    expect(await fanoutAuditEvent(t.db, event.id), 'a second run of the same event').toBe(0);
    await runJobs();
    expect((await inboxOf(owner)).filter((n) => n.title.endsWith('Rejected'))).toHaveLength(1);

    const jobs = await t.db.job.count();
    await expect(t.db.$transaction(async (tx) => {
      await recordAudit(tx, actors.BUSINESS_DEVELOPMENT, { entityType: 'RegulatoryCheckpoint', entityId: c.id, action: 'checkpoint.updated', partnershipId: deal.id, after: { status: 'APPROVED' } });
      throw new Error('the change failed after its audit row');
    })).rejects.toThrow('failed after');
    expect(await t.db.job.count()).toBe(jobs);
  });

  it('a milestone’s owner hears of its changes; watching a milestone and unwatching it are audited', async () => {
    const m = await createMilestone(t.db, { partnershipId: deal.id, title: 'Sign the term sheet', ownerId: actors.ANALYST.userId, dueOn: '2026-12-20' });
    ok(await watchCommand(actors.EXECUTIVE, { subjectType: 'milestone', subjectId: m.id, watching: 'on' }));
    ok(await watchCommand(actors.EXECUTIVE, { subjectType: 'milestone', subjectId: m.id, watching: 'on' }));
    const watchAudits = await t.db.auditEvent.findMany({ where: { entityType: 'Watch', actorId: actors.EXECUTIVE.userId }, orderBy: { id: 'asc' } });
    expect(watchAudits.at(-1)).toMatchObject({ action: 'watch.started', entityId: `milestone:${m.id}`, partnershipId: null });
    expect(watchAudits.filter((a) => a.entityId === `milestone:${m.id}`), 'watching twice is one change').toHaveLength(1);

    ok(await updateMilestoneCommand(actors.BUSINESS_DEVELOPMENT, { id: m.id, version: String(m.version), status: 'BLOCKED', blockedReason: 'Waiting for PBOC' }));
    await runJobs();
    const [forAnalyst] = await inboxOf(actors.ANALYST);
    expect(forAnalyst).toMatchObject({ reason: 'OWNED', href: `/partnerships/${deal.slug}/milestones/${m.id}` });
    expect(forAnalyst!.title).toContain('Sign the term sheet');
    expect(forAnalyst!.detail).toContain('Blocked');
    expect((await inboxOf(actors.EXECUTIVE)).filter((n) => n.href.endsWith(m.id)).map((n) => n.reason)).toEqual(['WATCHED']);
    expect((await inboxOf(owner)).filter((n) => n.href.endsWith(m.id)), 'the deal’s owner is told of the deal, not every milestone').toEqual([]);

    ok(await watchCommand(actors.EXECUTIVE, { subjectType: 'milestone', subjectId: m.id, watching: 'off' }));
    const fresh = await t.db.milestone.findUniqueOrThrow({ where: { id: m.id } });
    ok(await updateMilestoneCommand(actors.BUSINESS_DEVELOPMENT, { id: m.id, version: String(fresh.version), status: 'IN_PROGRESS' }));
    await runJobs();
    expect((await inboxOf(actors.EXECUTIVE)).filter((n) => n.href.endsWith(m.id)), 'no longer watching').toHaveLength(1);
    expect((await inboxOf(actors.ANALYST)).filter((n) => n.href.endsWith(m.id))).toHaveLength(2);
  });

  it('a mention reaches the person mentioned once per note; an edit tells only the newly mentioned', async () => {
    const [a, b] = [await createUser(t.db, { role: 'EXECUTIVE' }), await createUser(t.db, { role: 'ANALYST' })];
    ok(await watchCommand(userActor(b), { subjectType: 'partnership', subjectId: deal.id, watching: 'on' }));
    const note = ok<{ id: string; version: number }>(await createNoteCommand(actors.BUSINESS_DEVELOPMENT, { subjectType: 'partnership', subjectId: deal.id, body: `Can you confirm the fee, @${a.email}?` }));
    await runJobs();
    expect(await inboxOf(userActor(a))).toMatchObject([{ reason: 'MENTION', href: `/partnerships/${deal.slug}#note-${note.id}`, detail: `Can you confirm the fee, @${a.email}?` }]);
    expect((await inboxOf(userActor(b))).map((n) => [n.reason, n.title.includes('wrote a note')])).toEqual([['WATCHED', true]]);
    expect((await inboxOf(owner)).filter((n) => n.href.includes(note.id)).map((n) => n.reason), 'the deal’s owner').toEqual(['OWNED']);

    ok(await editNoteCommand(actors.BUSINESS_DEVELOPMENT, { id: note.id, version: String(note.version), body: `Can you confirm the fee, @${a.email} and @${b.email}?` }));
    await runJobs();
    expect(await inboxOf(userActor(a)), 'mentioned again: still one').toHaveLength(1);
    expect((await inboxOf(userActor(b))).map((n) => n.reason)).toEqual(['MENTION', 'WATCHED']);
    const self = ok<{ id: string }>(await createNoteCommand(userActor(a), { subjectType: 'partnership', subjectId: deal.id, body: `Note to self @${a.email}` }));
    await runJobs();
    expect((await inboxOf(userActor(a))).some((n) => n.href.includes(self.id)), 'mentioning oneself').toBe(false);
    ok(await watchCommand(userActor(b), { subjectType: 'partnership', subjectId: deal.id, watching: 'off' }));
  });

  it('a deactivated person hears nothing; a finished import reaches the deal’s watchers', async () => {
    const gone = await createUser(t.db, { role: 'EXECUTIVE' });
    const watcher = await createUser(t.db, { role: 'EXECUTIVE' });
    for (const u of [gone, watcher]) ok(await watchCommand(userActor(u), { subjectType: 'partnership', subjectId: deal.id, watching: 'on' }));
    await t.db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    await t.db.$transaction((tx) => recordAudit(tx, actors.ANALYST, {
      entityType: 'Partnership', entityId: deal.id, action: 'metrics.imported', partnershipId: deal.id, context: { file: 'november.csv', rows: 30 },
    }));
    await runJobs();
    expect(await inboxOf(userActor(gone))).toEqual([]);
    const [imported] = await inboxOf(userActor(watcher));
    expect(imported).toMatchObject({ reason: 'IMPORT_FINISHED', href: `/partnerships/${deal.slug}` });
    expect(imported!.title).toContain('imported metrics');
    expect(imported!.detail).toContain('november.csv');
  });

  it('evidence about to expire and milestones gone overdue are told once per date, to owners and watchers', async () => {
    const today: IsoDay = '2026-12-02';
    const now = new Date(`${today}T10:00:00Z`);
    const c = await createCheckpoint(t.db, { partnershipId: deal.id, regulator: 'HKMA', requirement: 'Stored value licence', status: 'APPROVED', evidenceExpiresOn: addDays(today, 12) });
    const far = await createCheckpoint(t.db, { partnershipId: deal.id, regulator: 'MAS', requirement: 'Far off', status: 'APPROVED', evidenceExpiresOn: addDays(today, 31) });
    const late = await createMilestone(t.db, { partnershipId: deal.id, title: 'Certify the wallet', ownerId: actors.ANALYST.userId, dueOn: addDays(today, -1), status: 'IN_PROGRESS' });
    const done = await createMilestone(t.db, { partnershipId: deal.id, title: 'Done late', ownerId: actors.ANALYST.userId, dueOn: addDays(today, -3), status: 'DONE' });
    ok(await watchCommand(actors.EXECUTIVE, { subjectType: 'checkpoint', subjectId: c.id, watching: 'on' }));
    const first = await notifyDueDates(t.db, now);
    expect(first).toBeGreaterThanOrEqual(4);
    expect(await notifyDueDates(t.db, new Date(now.getTime() + 3_600_000)), 'the next hour: nothing new').toBe(0);

    const evidence = (await inboxOf(actors.EXECUTIVE)).filter((n) => n.href.endsWith(c.id));
    expect(evidence).toMatchObject([{ reason: 'EVIDENCE_EXPIRING', title: 'Evidence for HKMA (Stored value licence) expires in 12 days' }]);
    expect((await inboxOf(owner)).filter((n) => n.href.endsWith(c.id)).map((n) => n.reason)).toEqual(['EVIDENCE_EXPIRING']);
    expect((await inboxOf(owner)).some((n) => n.href.endsWith(far.id)), '31 days away').toBe(false);
    const overdue = (await inboxOf(actors.ANALYST)).filter((n) => n.href.endsWith(late.id));
    expect(overdue).toMatchObject([{ reason: 'MILESTONE_OVERDUE', title: 'Certify the wallet is overdue', detail: 'It was due on 1 Dec 2026' }]);
    expect((await inboxOf(actors.ANALYST)).some((n) => n.href.endsWith(done.id)), 'a done milestone').toBe(false);

    // Its due date moved later and passed again: that is news again.
    await t.db.milestone.update({ where: { id: late.id }, data: { dueOn: new Date(`${today}T00:00:00Z`) } });
    await notifyDueDates(t.db, new Date(`${addDays(today, 1)}T10:00:00Z`));
    expect((await inboxOf(actors.ANALYST)).filter((n) => n.href.endsWith(late.id))).toHaveLength(2);
  });

  it('the recurring sweep is registered with the runner, and a malformed fan-out job is dead-lettered with a message', async () => {
    expect(JOBS['notifications.due']?.every).toBeTypeOf('function');
    await t.db.job.create({ data: { kind: FANOUT_JOB, payload: { eventId: 'DROP TABLE' }, maxAttempts: 1 } });
    const runner = createJobRunner({ db: t.db, registry: JOBS, log: quiet });
    await runner.tick();
    const [dead] = await t.db.job.findMany({ where: { kind: FANOUT_JOB, state: 'DEAD' } });
    expect(dead?.lastError).toContain('names no audit event');
  });

  it('marking read: one, all, someone else’s is not found; odd ids are refused with a message', async () => {
    const reader = await createUser(t.db, { role: 'EXECUTIVE' });
    const other = await createUser(t.db, { role: 'EXECUTIVE' });
    const made = async (userId: string, n: number) => {
      for (let i = 0; i < n; i += 1) {
        await t.db.notification.create({ data: { userId, reason: 'WATCHED', title: `Line ${i}`, href: `/partnerships/${deal.slug}`, dedupeKey: `test:${userId}:${i}` } });
      }
    };
    await made(reader.id, 3);
    await made(other.id, 1);
    const [mine] = await inboxOf(userActor(reader));
    const [theirs] = await inboxOf(userActor(other));
    expect(ok<{ unread: number }>(await markReadCommand(userActor(reader), { id: mine!.id })).unread).toBe(2);
    expect(ok<{ unread: number }>(await markReadCommand(userActor(reader), { id: mine!.id, read: 'false' })).unread).toBe(3);
    expect(await markReadCommand(userActor(reader), { id: theirs!.id })).toMatchObject({ status: 'error', code: 404 });
    expect(await t.db.notification.count({ where: { id: theirs!.id, readAt: { not: null } } })).toBe(0);
    for (const odd of HOSTILE_STRINGS) {
      const r = await markReadCommand(userActor(reader), { id: odd });
      expect(r.status, JSON.stringify(odd)).toBe('error');
      expect([404, 422]).toContain((r as { code: number }).code);
    }
    expect(ok<{ marked: number }>(await markAllReadCommand(userActor(reader), {})).marked).toBe(3);
    expect((await findInbox(reader.id, { unread: true })).notifications).toEqual([]);
    expect((await findInbox(other.id)).unread).toBe(1);
  });
});

describe('the inbox API', () => {
  type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
  let token: string;
  let readOnly: string;
  let userId: string;
  const call = async (handler: unknown, method: string, path: string, bearer: string, params: Record<string, string> = {}) => {
    const response = await (handler as Handler)(new Request(`http://accord.test${path}`, { method, headers: { authorization: `Bearer ${bearer}` } }), { params: Promise.resolve(params) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  beforeAll(async () => {
    const u = await createUser(t.db, { role: 'ANALYST' });
    userId = u.id;
    token = (await createApiToken(userActor(u), { ownerId: u.id, name: 'inbox', readOnly: false })).token;
    readOnly = (await createApiToken(userActor(u), { ownerId: u.id, name: 'inbox read', readOnly: true })).token;
    for (let i = 0; i < 5; i += 1) {
      await t.db.notification.create({ data: { userId: u.id, reason: 'MENTION', title: `API line ${i}`, href: '/', dedupeKey: `api:${i}`, createdAt: new Date(Date.UTC(2026, 11, 1, 9, i)) } });
    }
  });

  it('GET pages through the caller’s own inbox, newest first, with the unread count', async () => {
    const first = await call(notificationsRoute.GET, 'GET', '/api/v1/notifications?limit=2', token);
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ unread: 5, notifications: [{ title: 'API line 4', reason: 'MENTION', read: false }, { title: 'API line 3' }] });
    const second = await call(notificationsRoute.GET, 'GET', `/api/v1/notifications?limit=2&before=${first.json.next}`, token);
    expect((second.json.notifications as { title: string }[]).map((n) => n.title)).toEqual(['API line 2', 'API line 1']);
    for (const bad of ['limit=0', 'limit=101', 'limit=two', 'unread=maybe', 'before=%00']) {
      const r = await call(notificationsRoute.GET, 'GET', `/api/v1/notifications?${bad}`, token);
      // A control character in the query is refused before the schema sees it (400, as proxy.ts did over HTTP).
      expect(r.status, bad).toBe(bad.includes('%00') ? 400 : 422);
      expect(String(r.json.error ?? r.json.message)).not.toMatch(/prisma|stack|at \w+ \(/i);
    }
    expect((await call(notificationsRoute.GET, 'GET', '/api/v1/notifications?before=nope', token)).status).toBe(404);
  });

  it('POST …/read and …/read-all; a read-only token reads but cannot mark', async () => {
    const [newest] = (await findInbox(userId)).notifications;
    expect((await call(readRoute.POST, 'POST', '/x', readOnly, { id: newest!.id })).status).toBe(403);
    const marked = await call(readRoute.POST, 'POST', '/x', token, { id: newest!.id });
    expect(marked).toMatchObject({ status: 200, json: { id: newest!.id, read: true, unread: 4 } });
    expect((await call(readRoute.DELETE, 'DELETE', '/x', token, { id: newest!.id })).json).toMatchObject({ read: false, unread: 5 });
    expect((await call(readRoute.POST, 'POST', '/x', token, { id: 'not-mine' })).status).toBe(404);
    expect((await call(readAllRoute.POST, 'POST', '/x', token)).json).toEqual({ marked: 5, unread: 0 });
    expect((await call(notificationsRoute.GET, 'GET', '/api/v1/notifications?unread=1', readOnly)).json).toMatchObject({ unread: 0, notifications: [] });
  });
});
