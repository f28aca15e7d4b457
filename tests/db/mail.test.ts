import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as metricsRoute from '@/app/api/v1/partnerships/[slug]/metrics/route';
import * as subscriptionsRoute from '@/app/api/v1/subscriptions/route';
import * as subscriptionRoute from '@/app/api/v1/subscriptions/[id]/route';
import * as unsubscribeRoute from '@/app/api/unsubscribe/[token]/route';
import { todayIn } from '@/lib/dates';
import { nextOccurrence } from '@/lib/subscription-schedule';
import { formatInteger } from '@/lib/format';
import { userActor, type Actor } from '@/server/auth/actor';
import { updateCheckpointCommand } from '@/server/checkpoints/commands';
import { findDashboard } from '@/server/dashboard/queries';
import { JOBS } from '@/server/jobs/registry';
import { createJobRunner } from '@/server/jobs/runner';
import { createSubscriptionCommand } from '@/server/subscriptions/commands';
import { queueDueSubscriptions } from '@/server/subscriptions/run';
import { createApiToken } from '@/server/tokens/mutations';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 16: digests and scheduled exports by mail, through a REAL SMTP server (smtp-server) started
// here, read back with mailparser: what people would find in their mailbox.

const TODAY = '2026-11-23';
const NOW = new Date(`${TODAY}T09:00:00Z`);
let t: TestDatabase;
let smtp: SMTPServer;
let smtpUrl: string;
const inbox: ParsedMail[] = [];
let people: { exec: Actor; bd: Actor; analyst: Actor };

beforeAll(async () => {
  t = await openDemoDatabase(TODAY);
  await t.db.subscription.deleteMany({}); // the demo's own digests (tests/factories/demo.ts) are not this file's
  const user = (email: string) => t.db.user.findUniqueOrThrow({ where: { email } }).then((u) => userActor(u));
  people = { exec: await user('executive@accord.local'), bd: await user('bd@accord.local'), analyst: await user('analyst@accord.local') };
  smtp = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'], logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.startsWith('refused')) return callback(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => { inbox.push(mail); callback(); }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}?ignoreTLS=true`;
});
afterAll(async () => {
  delete process.env.ACCORD_SMTP_URL;
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await t?.close();
});
beforeEach(async () => {
  process.env.ACCORD_SMTP_URL = smtpUrl;
  inbox.length = 0;
  await t.db.job.deleteMany({});
});

/** Runs queued jobs as of `at` (the real runner and registry) until none is left to run. Jobs are queued at the real time, so `at` is never earlier. */
async function runJobs(at = new Date()) {
  const runner = createJobRunner({ db: t.db, registry: JOBS, log: () => undefined, now: () => new Date(Math.max(at.getTime(), Date.now())), concurrency: 4 });
  while ((await runner.tick()) > 0);
  const failed = await t.db.job.findMany({ where: { OR: [{ state: 'DEAD' }, { lastError: { not: null } }], kind: { not: 'mail.send' } } });
  expect(failed.map((j) => `${j.kind}: ${j.lastError}`)).toEqual([]);
}

async function subscribe(actor: Actor, input: Record<string, string>) {
  const r = await createSubscriptionCommand(actor, { cadence: 'weekly', day: '1', localTime: '08:00', timeZone: 'Europe/London', ...input });
  if (r.status !== 'success') throw new Error(`subscribe: ${JSON.stringify(r)}`);
  return r.data as { id: string; nextRunAt: string };
}

/** Makes a subscription due now, lets the scheduler and the jobs run, and returns the mails received. */
async function deliver(id: string) {
  const at = new Date();
  await t.db.subscription.update({ where: { id }, data: { nextRunAt: new Date(at.getTime() - 60_000) } });
  expect(await queueDueSubscriptions(t.db, at)).toBeGreaterThanOrEqual(1);
  await runJobs(at);
  return inbox.filter((m) => m.to && JSON.stringify(m.to).includes('@'));
}

describe('mail by subscription (issue 16)', () => {
  it('the weekly digest tells what changed and the dashboard’s own numbers, over real SMTP', async () => {
    const samr = await t.db.regulatoryCheckpoint.findFirstOrThrow({ where: { regulator: 'State Administration for Market Regulation' } });
    const before = new Date();
    const sub = await subscribe(people.exec, { kind: 'digest', partnership: APPLE_PAY_ALIPAY });
    // The next Monday, 08:00 in London (lib/subscription-schedule.ts, unit-tested across clock changes).
    expect(sub.nextRunAt).toBe(nextOccurrence({ cadence: 'WEEKLY', day: 1, localTime: '08:00', timeZone: 'Europe/London' }, before).toISOString());
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'long', hour: '2-digit', minute: '2-digit' }).format(new Date(sub.nextRunAt))).toBe('Monday 08:00');
    const decided = await updateCheckpointCommand(people.bd, { id: samr.id, version: String(samr.version), status: 'APPROVED', decidedOn: TODAY });
    expect(decided.status).toBe('success');

    const [mail] = await deliver(sub.id);
    expect(mail, `a mail reached the SMTP server: ${JSON.stringify(await t.db.outboxMail.findMany({ select: { state: true, error: true } }))} ${JSON.stringify(await t.db.job.findMany({ select: { kind: true, state: true, lastError: true, runAt: true } }))}`).toBeDefined();
    expect(mail!.subject).toBe('Weekly digest: Apple Pay × Alipay');
    expect(JSON.stringify(mail!.to)).toContain('executive@accord.local');
    const sentAt = (await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).lastSentAt!;
    const dashboard = (await findDashboard(APPLE_PAY_ALIPAY, {}, todayIn('UTC', sentAt), 'EXECUTIVE'))!;
    const text = mail!.text!;
    // The numbers are the dashboard's (the same kept computation): cards to date, the week, regions, approvals.
    expect(text).toContain(`${formatInteger(dashboard.kpis.cardsToDate)} cards to date`);
    expect(text).toContain(`${formatInteger(dashboard.kpis.last7)} in the last 7 days (previous 7: ${formatInteger(dashboard.kpis.previous7)})`);
    expect(text).toContain(`Regions live: ${dashboard.kpis.regionsLive} of ${dashboard.kpis.regionsTotal}`);
    expect(text).toContain(`Approvals pending: ${dashboard.kpis.approvalsPending}`);
    expect(text).toMatch(/State Administration for Market Regulation[^\n]*approved/i);
    for (const reason of dashboard.health.reasons) expect(text).toContain(reason);
    // Both parts, absolute links from ACCORD_BASE_URL (default http://localhost:3000), one-click unsubscribe.
    expect(mail!.html).toContain('href="http://localhost:3000/partnerships/apple-pay-alipay"');
    const header = (name: string) => mail!.headerLines.find((h) => h.key === name)?.line.replace(/^[^:]+:\s*/, '');
    expect(header('list-unsubscribe')).toMatch(/^<http:\/\/localhost:3000\/unsubscribe\/[^>]+>$/);
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    const row = await t.db.outboxMail.findFirstOrThrow({ where: { subscriptionId: sub.id } });
    expect(row).toMatchObject({ state: 'SENT', toAddress: 'executive@accord.local' });
    expect(row.messageId).toBeTruthy();
    expect(Math.abs(sentAt.getTime() - Date.now())).toBeLessThan(60_000);

    // The unsubscribe link works signed out (no cookie, no token), once; a forged one does not.
    const link = /http:\/\/localhost:3000\/unsubscribe\/(\S+)/.exec(text)![1]!;
    const post = (token: string) => unsubscribeRoute.POST(new Request(`http://accord.test/api/unsubscribe/${token}`, { method: 'POST', body: 'List-Unsubscribe=One-Click' }), { params: Promise.resolve({ token }) });
    // A browser (the page's button) is sent back to the page by a relative address (behind a proxy the host differs).
    const fromPage = await unsubscribeRoute.POST(new Request(`http://internal:3000/api/unsubscribe/x`, { method: 'POST', headers: { accept: 'text/html' } }), { params: Promise.resolve({ token: 'not-a-token' }) });
    expect(fromPage.status).toBe(404);
    const forged = await post(Buffer.from(`${sub.id}.${'A'.repeat(43)}`).toString('base64url'));
    expect(link, 'the link shows no internal id').not.toContain(sub.id);
    expect(forged.status).toBe(404);
    const done = await post(link);
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ unsubscribed: true, already: false });
    const again = await unsubscribeRoute.POST(new Request(`http://internal:3000/api/unsubscribe/${link}`, { method: 'POST', headers: { accept: 'text/html,application/xhtml+xml' } }), { params: Promise.resolve({ token: link }) });
    expect([again.status, again.headers.get('location')]).toEqual([303, `/unsubscribe/${encodeURIComponent(link)}`]);
    expect((await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).unsubscribedAt).not.toBeNull();
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: sub.id, action: 'subscription.unsubscribed' } });
    expect(audit.actorId).toBe(people.exec.userId);
    // Unsubscribed: nothing more is queued.
    await t.db.subscription.update({ where: { id: sub.id }, data: { nextRunAt: new Date(Date.now() - 1) } });
    expect(await queueDueSubscriptions(t.db, new Date())).toBe(0);
  });

  it('a scheduled export attaches exactly the explorer’s export of the saved view', async () => {
    const view = await t.db.savedView.create({ data: { ownerId: people.analyst.userId!, kind: 'METRICS', name: 'Monthly by region', query: `partnership=${APPLE_PAY_ALIPAY}&granularity=month&mode=cumulative` } });
    const sub = await subscribe(people.analyst, { kind: 'export', savedViewId: view.id, format: 'csv', cadence: 'monthly', day: '1' });
    const [mail] = await deliver(sub.id);
    expect(mail!.subject).toBe('Export: Monthly by region');
    expect(mail!.attachments).toHaveLength(1);
    const attached = mail!.attachments[0]!;
    expect(attached.contentType).toContain('text/csv');

    const token = (await createApiToken(people.analyst, { ownerId: people.analyst.userId!, name: 'mail test', readOnly: false })).token;
    const response = await (metricsRoute.GET as (r: Request, s: { params: Promise<{ slug: string }> }) => Promise<Response>)(
      new Request(`http://accord.test/api/v1/partnerships/${APPLE_PAY_ALIPAY}/metrics?granularity=month&mode=cumulative&format=csv&download=1`, { headers: { authorization: `Bearer ${token}` } }),
      { params: Promise.resolve({ slug: APPLE_PAY_ALIPAY }) },
    );
    const fromExplorer = await response.text();
    // Everything but the "# as of …" comment lines (written at different instants) is byte for byte the same.
    const data = (csv: string) => csv.split('\n').filter((l) => !l.startsWith('#')).join('\n');
    const dataRows = data(fromExplorer).split('\n').filter(Boolean).length;
    expect(dataRows).toBeGreaterThan(10);
    expect(data(attached.content.toString('utf8'))).toBe(data(fromExplorer));
    expect(mail!.text).toContain('is attached');
    // Audited as an export by the analyst.
    expect(await t.db.auditEvent.count({ where: { action: 'metrics.exported', actorId: people.analyst.userId } })).toBeGreaterThanOrEqual(2);

    // The view is deleted (an administrator may delete a shared one): the next time says so, once, and stops.
    await t.db.savedView.delete({ where: { id: view.id } });
    inbox.length = 0;
    const [stopped] = await deliver(sub.id);
    expect(stopped!.subject).toBe('Your scheduled export stopped');
    expect((await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).unsubscribedAt).not.toBeNull();
  });

  it('without an SMTP server mail is kept in the outbox; a refusing server is retried, then marked not sent', async () => {
    delete process.env.ACCORD_SMTP_URL;
    const kept = await subscribe(people.bd, { kind: 'digest' });
    await deliver(kept.id);
    expect(inbox).toHaveLength(0);
    expect(await t.db.outboxMail.findFirstOrThrow({ where: { subscriptionId: kept.id } })).toMatchObject({ state: 'KEPT', toAddress: 'bd@accord.local' });

    process.env.ACCORD_SMTP_URL = smtpUrl;
    const refused = await t.db.user.create({ data: { email: 'refused@accord.local', name: 'Refused Reader', role: 'EXECUTIVE' } });
    const sub = await subscribe(userActor(refused), { kind: 'digest', cadence: 'daily' });
    await deliver(sub.id);
    const mail = await t.db.outboxMail.findFirstOrThrow({ where: { subscriptionId: sub.id } });
    expect(mail).toMatchObject({ state: 'QUEUED', attempts: 1 });
    expect(mail.error).toContain('Mailbox unavailable');
    // Later attempts (the backoff's waits passed on a fake clock) until the last one; no other digest falls due meanwhile.
    await t.db.subscription.updateMany({ data: { nextRunAt: new Date(Date.now() + 30 * 86_400_000) } });
    for (let hour = 1; hour <= 12; hour += 1) await runJobs(new Date(Date.now() + hour * 3_600_000));
    expect(await t.db.outboxMail.findFirstOrThrow({ where: { subscriptionId: sub.id } })).toMatchObject({ state: 'FAILED', attempts: 6 });
    expect(await t.db.job.count({ where: { kind: 'mail.send', state: 'DEAD', payload: { equals: { mailId: mail.id } } } })).toBe(1);
  });

  it('a subscription due while the app was down is sent once, and its next time is after now', async () => {
    const sub = await subscribe(people.exec, { kind: 'digest', cadence: 'daily' });
    await t.db.subscription.update({ where: { id: sub.id }, data: { nextRunAt: new Date(NOW.getTime() - 21 * 86_400_000) } });
    expect(await queueDueSubscriptions(t.db, NOW)).toBe(1);
    expect(await queueDueSubscriptions(t.db, NOW)).toBe(0);
    const next = (await t.db.subscription.findUniqueOrThrow({ where: { id: sub.id } })).nextRunAt;
    expect(next.toISOString()).toBe('2026-11-24T08:00:00.000Z');
    await runJobs();
    expect(await t.db.outboxMail.count({ where: { subscriptionId: sub.id } })).toBe(1);
  });
});

describe('the subscriptions API', () => {
  type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const call = async (handler: unknown, method: string, token: string, body?: unknown, params: Record<string, string> = {}) => {
    const response = await (handler as Handler)(new Request('http://accord.test/api/v1/subscriptions', {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body),
    }), { params: Promise.resolve(params) });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  it('POST validates in words; GET lists one’s own; DELETE removes; exports need metrics.export', async () => {
    const exec = (await createApiToken(people.exec, { ownerId: people.exec.userId!, name: 'subs', readOnly: false })).token;
    const analyst = (await createApiToken(people.analyst, { ownerId: people.analyst.userId!, name: 'subs', readOnly: false })).token;
    const base = { kind: 'digest', cadence: 'weekly', day: 5, localTime: '07:30', timeZone: 'Asia/Shanghai' };
    const created = await call(subscriptionsRoute.POST, 'POST', exec, base);
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({ kind: 'digest', schedule: 'Every Friday at 07:30 (Asia/Shanghai)', partnership: null, unsubscribed: false });
    for (const [bad, field] of [
      [{ localTime: '25:00' }, 'localTime'], [{ timeZone: 'Mars/Olympus' }, 'timeZone'], [{ day: 9 }, 'day'], [{ kind: 'fax' }, 'kind'],
      [{ timeZone: 'Europe/London\u0000' }, 'timeZone'], [{ partnership: 'x'.repeat(2_000) }, 'partnership'],
    ] as const) {
      const r = await call(subscriptionsRoute.POST, 'POST', exec, { ...base, ...bad });
      expect(r.status, JSON.stringify(bad)).toBe(422);
      expect(Object.keys(r.json.fieldErrors as object)).toContain(field);
    }
    expect((await call(subscriptionsRoute.POST, 'POST', exec, { ...base, partnership: 'no-such-deal' })).status).toBe(404);
    expect((await call(subscriptionsRoute.POST, 'POST', exec, { ...base, kind: 'export', savedViewId: 'x' })).status).toBe(403);
    expect((await call(subscriptionsRoute.POST, 'POST', analyst, { ...base, kind: 'export' })).json.fieldErrors).toHaveProperty('savedViewId');
    const listed = await call(subscriptionsRoute.GET, 'GET', exec);
    expect((listed.json.subscriptions as { id: string }[]).map((s) => s.id)).toContain(created.json.id);
    expect((await call(subscriptionRoute.GET, 'GET', analyst, undefined, { id: String(created.json.id) })).status, 'someone else’s').toBe(404);
    expect((await call(subscriptionRoute.DELETE, 'DELETE', analyst, undefined, { id: String(created.json.id) })).status).toBe(404);
    expect((await call(subscriptionRoute.DELETE, 'DELETE', exec, undefined, { id: String(created.json.id) })).json).toEqual({ id: created.json.id, deleted: true });
  });
});
