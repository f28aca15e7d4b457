import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as webhookRoute from '@/app/api/v1/webhooks/[id]/route';
import * as deliveriesRoute from '@/app/api/v1/webhooks/[id]/deliveries/route';
import * as redeliverRoute from '@/app/api/v1/webhooks/[id]/deliveries/[deliveryId]/redeliver/route';
import * as webhooksRoute from '@/app/api/v1/webhooks/route';
import type { Role } from '@/lib/domain';
import type { Actor } from '@/server/auth/actor';
import { updateCheckpointCommand } from '@/server/checkpoints/commands';
import { JOBS } from '@/server/jobs/registry';
import { createJobRunner } from '@/server/jobs/runner';
import { updateMilestoneCommand } from '@/server/milestones/commands';
import { createNoteCommand } from '@/server/notes/commands';
import { fanoutAuditEvent } from '@/server/notifications/fanout';
import { createApiToken } from '@/server/tokens/mutations';
import { classifyAddress } from '@/server/webhooks/address';
import { createWebhookCommand, redeliverWebhookCommand, updateWebhookCommand } from '@/server/webhooks/commands';
import { nextAttemptAt, RETRY_WINDOW_MS } from '@/server/webhooks/deliver';
import { queueWebhookDeliveries, WEBHOOK_SEND_JOB } from '@/server/webhooks/fanout';
import { verifyWebhookSignature } from '@/server/webhooks/signature';
import { createCheckpoint, createMilestone, createPartnership, createUser } from '@/tests/factories/builders';
import { actorsByRole } from '@/tests/support/actors';
import { openTestDatabase, testEngine, type TestDatabase } from '@/tests/support/test-database';

// Issue 16, item 5 ("Done when": a real local HTTP receiver; signature verified, retries after 500s,
// order per entity kept, a private-address endpoint refused). docs/decisions/016-webhooks.md.

let t: TestDatabase;
let actors: Record<Role, Actor>;
let deal: { id: string; slug: string; name: string };
let adminToken: string;
const quiet = () => undefined;
type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;

// ---------------------------------------------------------------------------------------------
// A real receiver on 127.0.0.1: records every request; answers what each path's plan says (200 when
// the plan is empty), optionally after a pause.
type Received = { path: string; headers: http.IncomingHttpHeaders; body: string };
type Answer = number | { status: number; location?: string };
let server: http.Server;
let base: string;
let received: Received[] = [];
const plans = new Map<string, Answer[]>();
const alwaysFail = new Set<string>();
/** Answers 500 to this many deliveries about one thing (by the payload's entity id). */
const failFor = new Map<string, number>();
let pauseMs = 0;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const entity = (() => { try { return String(JSON.parse(Buffer.concat(chunks).toString('utf8')).entity.id); } catch { return ''; } })();
      const failing = failFor.get(entity) ?? 0;
      if (failing) failFor.set(entity, failing - 1);
      const answer: Answer = alwaysFail.has(path) || failing ? 500 : (plans.get(path)?.shift() ?? 200);
      const { status, location } = typeof answer === 'number' ? { status: answer, location: undefined } : answer;
      setTimeout(() => {
        res.writeHead(status, location ? { Location: location } : {});
        res.end(status < 300 ? 'thanks' : 'not now');
      }, pauseMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

// ---------------------------------------------------------------------------------------------
// The runner's clock: never behind the real one (changes queue their jobs at real time), moved ahead
// to the next retry instead of sleeping.
let offset = 0;
const now = () => new Date(Date.now() + offset);
const advanceTo = (at: Date) => {
  offset = Math.max(offset, at.getTime() - Date.now() + 1_000);
};

/** Runs every job that is due now, as the app's runner would (the real runner and registry). */
async function runJobs() {
  const runner = createJobRunner({ db: t.db, registry: JOBS, log: quiet, concurrency: 4, now });
  while ((await runner.tick()) > 0);
  const dead = await t.db.job.findMany({ where: { state: 'DEAD', kind: { in: [WEBHOOK_SEND_JOB, 'notifications.fanout'] } } });
  expect(dead.map((j) => `${j.kind}: ${j.lastError}`)).toEqual([]);
}

beforeAll(async () => {
  t = await openTestDatabase();
  actors = await actorsByRole(t.db);
  const p = await createPartnership(t.db, { ownerId: actors.BUSINESS_DEVELOPMENT.userId!, name: 'Webhook deal', stage: 'NEGOTIATING' });
  deal = { id: p.id, slug: p.slug, name: 'Webhook deal' };
  adminToken = (await createApiToken(actors.ADMIN, { ownerId: actors.ADMIN.userId!, name: 'webhooks', readOnly: false })).token;
});
afterAll(() => t?.close());

beforeEach(() => {
  received = [];
  plans.clear();
  alwaysFail.clear();
  failFor.clear();
  pauseMs = 0;
});
// Each test's endpoints stop listening when it ends, so the next test's changes do not reach them.
afterEach(async () => {
  await t.db.webhookEndpoint.updateMany({ data: { active: false } });
});

const ok = <T,>(r: { status: string; message?: string; data?: unknown }) => {
  expect(r, r.message).toMatchObject({ status: 'success' });
  return r.data as T;
};
type Created = { id: string; secret: string; host: string };
async function register(path: string, events: string[], extra: Record<string, unknown> = {}) {
  return ok<Created>(await createWebhookCommand(actors.ADMIN, { url: `${base}${path}`, events, allowPrivate: 'on', ...extra }));
}
const deliveriesOf = (endpointId: string) =>
  t.db.webhookDelivery.findMany({ where: { endpointId }, orderBy: [{ auditEventId: 'asc' }], include: { attemptLog: { orderBy: { at: 'asc' } } } });
const refusal = (r: { status: string; code?: number; fieldErrors?: Record<string, string[]> }) => {
  expect(r).toMatchObject({ status: 'error', code: 422 });
  return (r.fieldErrors?.url ?? r.fieldErrors?.events ?? []).join(' ');
};

async function freshCheckpoint() {
  return createCheckpoint(t.db, { partnershipId: deal.id, regulator: 'People’s Bank of China', requirement: 'Payment licence', status: 'UNDER_REVIEW' });
}
async function decide(checkpoint: { id: string; version: number }, status = 'APPROVED') {
  ok(await updateCheckpointCommand(actors.BUSINESS_DEVELOPMENT, { id: checkpoint.id, version: String(checkpoint.version), status, decidedOn: '2026-11-20' }));
}
async function rename(milestoneId: string, title: string) {
  const m = await t.db.milestone.findUniqueOrThrow({ where: { id: milestoneId } });
  ok(await updateMilestoneCommand(actors.BUSINESS_DEVELOPMENT, { id: m.id, version: String(m.version), title }));
}

/** Runs the jobs, then moves the clock to each retry, until the endpoint's deliveries have all ended. */
async function deliverUntilDone(endpointId: string, limit = 60) {
  for (let round = 0; round < limit; round += 1) {
    await runJobs();
    const pending = await t.db.webhookDelivery.findMany({ where: { endpointId, state: 'PENDING' }, orderBy: { nextAttemptAt: 'asc' } });
    if (!pending.length) return;
    // The next retry still to come (a delivery waiting behind an older one of its thing is already due).
    const next = pending.map((d) => d.nextAttemptAt!).find((at) => at > now());
    if (!next) throw new Error('pending deliveries with no retry to come');
    advanceTo(next);
  }
  throw new Error('deliveries still pending');
}

// ---------------------------------------------------------------------------------------------
describe('registering an endpoint (server-side request forgery)', () => {
  it('requires https (plain http only to this machine), refuses credentials, other schemes and long addresses', async () => {
    expect(refusal(await createWebhookCommand(actors.ADMIN, { url: 'http://hooks.example.com/accord', events: ['milestone'] }))).toMatch(/Plain http:\/\/ is allowed only to this machine/);
    expect(refusal(await createWebhookCommand(actors.ADMIN, { url: 'ftp://hooks.example.com/', events: ['milestone'] }))).toMatch(/must start with https:\/\//);
    expect(refusal(await createWebhookCommand(actors.ADMIN, { url: 'https://user:pw@hooks.example.com/', events: ['milestone'] }))).toMatch(/user name or password/);
    expect(refusal(await createWebhookCommand(actors.ADMIN, { url: `https://hooks.example.com/${'a'.repeat(2_000)}`, events: ['milestone'] }))).toMatch(/at most 2,000 characters/);
    expect(refusal(await createWebhookCommand(actors.ADMIN, { url: 'https://hooks.example.com/', events: [] }))).toMatch(/at least one event/);
    expect(refusal(await createWebhookCommand(actors.ADMIN, { url: 'https://hooks.example.com/', events: ['milestone', 'weather'] }))).toMatch(/Unknown event/);
  });

  it('refuses a host that resolves to a private, loopback or link-local address unless an administrator allows it', async () => {
    const port = new URL(base).port;
    const before = await t.db.webhookEndpoint.count();
    expect(refusal(await createWebhookCommand(actors.ADMIN, { url: `http://localhost:${port}/hook`, events: ['milestone'] })))
      .toMatch(/localhost resolves to (127\.0\.0\.1|::1), a loopback address.*Allow a private address/);
    expect(refusal(await createWebhookCommand(actors.ADMIN, { url: 'https://10.0.0.1/hook', events: ['milestone'] }))).toMatch(/10\.0\.0\.1 is a private address/);
    expect(refusal(await createWebhookCommand(actors.ADMIN, { url: 'https://169.254.169.254/latest/meta-data', events: ['milestone'] }))).toMatch(/169\.254\.169\.254 is a link-local address/);
    expect(refusal(await createWebhookCommand(actors.ADMIN, { url: 'https://[::ffff:127.0.0.1]/hook', events: ['milestone'] }))).toMatch(/loopback address .*written as IPv6/);
    expect(refusal(await createWebhookCommand(actors.ADMIN, { url: 'https://[fd12:3456::1]/hook', events: ['milestone'] }))).toMatch(/unique local/);
    expect(refusal(await createWebhookCommand(actors.ADMIN, { url: 'https://2130706433/hook', events: ['milestone'] }))).toMatch(/127\.0\.0\.1 is a loopback address/);
    // Allowed explicitly, a private receiver is accepted; an unspecified address never is.
    expect(refusal(await createWebhookCommand(actors.ADMIN, { url: 'https://0.0.0.0/hook', events: ['milestone'], allowPrivate: 'on' }))).toMatch(/no webhook receiver can listen there/);
    expect(await t.db.webhookEndpoint.count(), 'nothing written').toBe(before);
    const created = await register('/hooks/allowed', ['milestone']);
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entityType: 'WebhookEndpoint', entityId: created.id, action: 'webhook.created' } });
    expect(audit.after).toMatchObject({ url: `${base}/hooks/allowed`, events: ['milestone'], allowPrivate: true });
    expect(JSON.stringify(audit, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v)), 'the secret is never in the audit trail').not.toContain(created.secret);
  });

  it('classifies addresses as the IANA special-purpose registries do', () => {
    for (const address of ['10.1.2.3', '172.31.0.1', '192.168.1.1', '100.64.0.1', '127.0.0.2', '169.254.169.254', '::1', 'fe80::1', 'fc00::1', '::ffff:10.0.0.1', '64:ff9b::a00:1', '::ffff:7f00:1', '224.0.0.1', '255.255.255.255', '2001:db8::1']) {
      expect(classifyAddress(address), address).not.toBeNull();
    }
    for (const address of ['93.184.216.34', '8.8.8.8', '2606:4700::1111', '::ffff:8.8.8.8']) expect(classifyAddress(address), address).toBeNull();
  });

  it('the API: POST answers 201 with the secret, lists show only its last four characters; refusals are 422', async () => {
    const call = (handler: unknown, method: string, body?: unknown, params: Record<string, string> = {}, token = adminToken) =>
      (handler as Handler)(new Request('http://accord.test/api/v1/webhooks', { method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) }), { params: Promise.resolve(params) });
    const created = await call(webhooksRoute.POST, 'POST', { url: `${base}/hooks/api`, events: ['checkpoint', 'note'], description: 'Partner portal', allowPrivate: true });
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; secret: string; secretHint: string; events: string[] };
    expect(body).toMatchObject({ events: ['checkpoint', 'note'], secretHint: `…${body.secret.slice(-4)}` });
    const list = await (await call(webhooksRoute.GET, 'GET')).text();
    expect(list).toContain(body.id);
    expect(list).not.toContain(body.secret);
    const refused = await call(webhooksRoute.POST, 'POST', { url: 'https://10.0.0.1/', events: ['note'] });
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { fieldErrors: { url: string[] } }).fieldErrors.url[0]).toMatch(/private address/);
    const analyst = (await createApiToken(actors.ANALYST, { ownerId: actors.ANALYST.userId!, name: 'w', readOnly: false })).token;
    expect((await call(webhooksRoute.GET, 'GET', undefined, {}, analyst)).status).toBe(403);
    const patched = await call(webhookRoute.PATCH, 'PATCH', { active: false }, { id: body.id });
    expect(await patched.json()).toMatchObject({ active: false, disabledReason: expect.stringContaining('Disabled by') });
    expect((await call(webhookRoute.DELETE, 'DELETE', undefined, { id: body.id })).status).toBe(200);
    expect((await call(webhookRoute.GET, 'GET', undefined, { id: body.id })).status).toBe(404);
  });
});

describe('deliveries, against a real local receiver', () => {
  it('a change is delivered as a signed JSON POST that the receiver verifies, in the documented shape', async () => {
    const hook = await register('/hooks/signed', ['checkpoint']);
    const c = await freshCheckpoint();
    await decide(c);
    // Written in the change's own transaction, before any job ran.
    const [pending] = await deliveriesOf(hook.id);
    expect(pending).toMatchObject({ state: 'PENDING', event: 'checkpoint.updated', entityKey: `RegulatoryCheckpoint:${c.id}`, attempts: 0 });
    await runJobs();
    expect(received).toHaveLength(1);
    const [request] = received;
    expect(request!.headers).toMatchObject({ 'content-type': 'application/json', 'accord-event': 'checkpoint.updated', 'accord-delivery': pending!.id });
    // The receiver's check, as docs/api.md writes it: HMAC-SHA256 over "<t>.<raw body>" with the secret.
    const signature = String(request!.headers['accord-signature']);
    const [, stamp, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
    expect(createHmac('sha256', hook.secret).update(`${stamp}.${request!.body}`).digest('hex')).toBe(v1);
    expect(Math.abs(Number(stamp) - now().getTime() / 1000)).toBeLessThan(60);
    expect(verifyWebhookSignature(hook.secret, signature, request!.body, now())).toMatchObject({ ok: true });
    // Replay protection and tampering: what a receiver refuses.
    expect(verifyWebhookSignature(hook.secret, signature, request!.body, new Date(Number(stamp) * 1000 + 301_000))).toMatchObject({ ok: false, reason: expect.stringMatching(/five minutes/) });
    expect(verifyWebhookSignature(hook.secret, signature, request!.body.replace('APPROVED', 'REJECTED'), now())).toMatchObject({ ok: false, reason: expect.stringMatching(/does not match/) });
    expect(verifyWebhookSignature('whsec_wrong', signature, request!.body, now())).toMatchObject({ ok: false });

    const payload = JSON.parse(request!.body) as Record<string, unknown>;
    expect(Object.keys(payload)).toEqual(['id', 'event', 'family', 'occurredAt', 'partnership', 'entity', 'actor', 'changes', 'context']);
    expect(payload).toMatchObject({
      id: pending!.auditEventId!.toString(), event: 'checkpoint.updated', family: 'checkpoint',
      partnership: { id: deal.id, slug: deal.slug, name: deal.name },
      entity: { type: 'RegulatoryCheckpoint', id: c.id },
      actor: (await t.db.user.findUniqueOrThrow({ where: { id: actors.BUSINESS_DEVELOPMENT.userId! } })).name,
      changes: { before: { status: 'UNDER_REVIEW' }, after: { status: 'APPROVED' } },
    });
    expect(new Date(payload.occurredAt as string).toISOString()).toBe(payload.occurredAt);
    expect(request!.body).not.toMatch(/secret|password|whsec_/i);

    const [done] = await deliveriesOf(hook.id);
    expect(done).toMatchObject({ state: 'SUCCEEDED', attempts: 1, lastStatus: 200, lastError: null, nextAttemptAt: null });
    expect(done!.attemptLog).toHaveLength(1);
    expect(done!.attemptLog[0]).toMatchObject({ status: 200, error: null });
    expect(done!.attemptLog[0]!.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('a receiver answering 500 twice is retried with backoff: three attempts logged with status and time, then delivered', async () => {
    const hook = await register('/hooks/flaky', ['checkpoint']);
    plans.set('/hooks/flaky', [500, 500]);
    await decide(await freshCheckpoint());
    await runJobs();
    let [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ state: 'PENDING', attempts: 1, lastStatus: 500, lastError: expect.stringMatching(/answered 500/) });
    const wait = d!.nextAttemptAt!.getTime() - d!.attemptLog[0]!.at.getTime();
    expect(wait).toBeGreaterThanOrEqual(27_000); // 30 s ± 10%
    expect(wait).toBeLessThanOrEqual(33_000);
    await runJobs();
    expect(received, 'not before its retry is due').toHaveLength(1);
    advanceTo(d!.nextAttemptAt!);
    await runJobs();
    [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ state: 'PENDING', attempts: 2, lastStatus: 500 });
    const second = d!.nextAttemptAt!.getTime() - d!.attemptLog[1]!.at.getTime();
    expect(second).toBeGreaterThanOrEqual(108_000); // 2 min ± 10%
    advanceTo(d!.nextAttemptAt!);
    await runJobs();
    [d] = await deliveriesOf(hook.id);
    expect(d).toMatchObject({ state: 'SUCCEEDED', attempts: 3, lastStatus: 200, lastError: null });
    expect(d!.attemptLog.map((a) => a.status)).toEqual([500, 500, 200]);
    expect(d!.attemptLog.every((a) => a.durationMs >= 0 && a.at instanceof Date)).toBe(true);
    expect(new Set(received.map((r) => r.headers['accord-delivery'])).size, 'one delivery, three tries').toBe(1);
    expect(new Set(received.map((r) => r.body)).size, 'the same body each time').toBe(1);
    expect(new Set(received.map((r) => r.headers['accord-signature'])).size, 'signed afresh each time').toBe(3);
  });

  it('keeps the order of one thing’s changes: a later change waits until the earlier one is delivered; other things do not wait', async () => {
    const hook = await register('/hooks/ordered', ['milestone']);
    const [m1, m2] = [await createMilestone(t.db, { partnershipId: deal.id, title: 'Sign the term sheet' }), await createMilestone(t.db, { partnershipId: deal.id, title: 'Pilot' })];
    failFor.set(m1.id, 2); // the receiver refuses the first two deliveries about m1
    await rename(m1.id, 'Sign the term sheet (v2)');
    await rename(m1.id, 'Sign the term sheet (v3)');
    await runJobs();
    const first = (await deliveriesOf(hook.id))[0]!;
    expect(received.map((r) => r.headers['accord-delivery']), 'only the first change was tried').toEqual([first.id]);
    await rename(m2.id, 'Pilot (v2)');
    await runJobs();
    expect(received.map((r) => JSON.parse(r.body).entity.id), 'another milestone is not held back').toEqual([m1.id, m2.id]);
    await deliverUntilDone(hook.id);
    const titles = received.filter((r) => JSON.parse(r.body).entity.id === m1.id).map((r) => [r.headers['accord-delivery'], JSON.parse(r.body).changes.after.title]);
    expect(titles).toEqual([
      [first.id, 'Sign the term sheet (v2)'], [first.id, 'Sign the term sheet (v2)'], [first.id, 'Sign the term sheet (v2)'],
      [expect.not.stringMatching(first.id), 'Sign the term sheet (v3)'],
    ]);
    expect((await deliveriesOf(hook.id)).map((d) => d.state)).toEqual(['SUCCEEDED', 'SUCCEEDED', 'SUCCEEDED']);
  });

  it('an endpoint not subscribed to the family gets nothing; a fan-out run twice adds nothing', async () => {
    const notes = await register('/hooks/notes', ['note']);
    const checkpoints = await register('/hooks/checkpoints', ['checkpoint']);
    await decide(await freshCheckpoint());
    expect(await deliveriesOf(notes.id)).toEqual([]);
    const [d] = await deliveriesOf(checkpoints.id);
    const event = await t.db.auditEvent.findUniqueOrThrow({ where: { id: d!.auditEventId! } });
    expect(await t.db.$transaction((tx) => queueWebhookDeliveries(tx, event.action, event.id)), 'the same event again').toBe(0);
    await fanoutAuditEvent(t.db, event.id);
    await runJobs();
    await runJobs();
    expect(await deliveriesOf(checkpoints.id)).toHaveLength(1);
    expect(received.map((r) => r.path)).toEqual(['/hooks/checkpoints']);
    ok(await createNoteCommand(actors.ANALYST, { subjectType: 'partnership', subjectId: deal.id, body: 'Fee confirmed.' }));
    await runJobs();
    expect((await deliveriesOf(notes.id)).map((x) => [x.event, x.state])).toEqual([['note.created', 'SUCCEEDED']]);
    // A disabled endpoint gets nothing new.
    ok(await updateWebhookCommand(actors.ADMIN, { id: notes.id, active: 'off' }));
    ok(await createNoteCommand(actors.ANALYST, { subjectType: 'partnership', subjectId: deal.id, body: 'Second thoughts.' }));
    expect(await deliveriesOf(notes.id)).toHaveLength(1);
  });

  it('a redirect is a failure and is not followed; the address is checked again at each send', async () => {
    const hook = await register('/hooks/moved', ['checkpoint']);
    plans.set('/hooks/moved', [{ status: 302, location: 'http://169.254.169.254/latest/meta-data' }]);
    await decide(await freshCheckpoint());
    await runJobs();
    expect(await deliveriesOf(hook.id)).toMatchObject([{ state: 'PENDING', lastStatus: 302, lastError: expect.stringMatching(/Redirected .*not followed/) }]);
    expect(received).toHaveLength(1);

    // "localhost" was allowed at registration; once the permission is gone the send-time check refuses it before connecting.
    const port = new URL(base).port;
    const local = ok<Created>(await createWebhookCommand(actors.ADMIN, { url: `http://localhost:${port}/hooks/rebound`, events: ['checkpoint'], allowPrivate: 'on' }));
    await t.db.webhookEndpoint.update({ where: { id: local.id }, data: { allowPrivate: false } });
    received = [];
    await decide(await freshCheckpoint());
    await runJobs();
    expect(received.filter((r) => r.path === '/hooks/rebound')).toEqual([]);
    expect(await deliveriesOf(local.id)).toMatchObject([{ state: 'PENDING', lastStatus: null, lastError: expect.stringMatching(/localhost resolves to (127\.0\.0\.1|::1), a loopback address/) }]);
  });

  it('is redelivered by hand as a new attempt; a delivery still being retried is not', async () => {
    const hook = await register('/hooks/again', ['checkpoint']);
    await decide(await freshCheckpoint());
    await runJobs();
    const [d] = await deliveriesOf(hook.id);
    expect(d!.state).toBe('SUCCEEDED');
    expect(await redeliverWebhookCommand(actors.BUSINESS_DEVELOPMENT, { id: hook.id, deliveryId: d!.id })).toMatchObject({ status: 'error', code: 403 });
    const again = ok<{ ok: boolean; status: number }>(await redeliverWebhookCommand(actors.ADMIN, { id: hook.id, deliveryId: d!.id }));
    expect(again).toMatchObject({ ok: true, status: 200 });
    plans.set('/hooks/again', [503]);
    const viaApi = await redeliverRoute.POST(new Request('http://accord.test/', { method: 'POST', headers: { authorization: `Bearer ${adminToken}` } }), { params: Promise.resolve({ id: hook.id, deliveryId: d!.id }) });
    expect(await viaApi.json()).toMatchObject({ ok: false, status: 503, deliveryId: d!.id });
    const [after] = await deliveriesOf(hook.id);
    expect(after).toMatchObject({ state: 'FAILED', attempts: 3, lastStatus: 503 });
    // (The redeliveries are stamped with the real clock, the first attempt with the test's: compared as a set.)
    expect(after!.attemptLog.map((a) => a.status).sort()).toEqual([200, 200, 503]);
    expect(received.map((r) => r.headers['accord-delivery'])).toEqual([d!.id, d!.id, d!.id]);
    expect(await t.db.auditEvent.count({ where: { entityId: hook.id, action: 'webhook.redelivered' } })).toBe(2);

    alwaysFail.add('/hooks/again');
    await decide(await freshCheckpoint());
    await runJobs();
    const pending = (await deliveriesOf(hook.id)).find((x) => x.state === 'PENDING')!;
    expect(await redeliverWebhookCommand(actors.ADMIN, { id: hook.id, deliveryId: pending.id })).toMatchObject({ status: 'error', code: 409 });

    const listed = await deliveriesRoute.GET(new Request(`http://accord.test/?state=failed`, { headers: { authorization: `Bearer ${adminToken}` } }), { params: Promise.resolve({ id: hook.id }) });
    const page = (await listed.json()) as { deliveries: { id: string; state: string; log: { status: number }[] }[] };
    expect(page.deliveries.map((x) => [x.id, x.state, x.log.map((a) => a.status).sort()])).toEqual([[d!.id, 'FAILED', [200, 200, 503]]]);
  });

  it('an endpoint nothing reaches for a day is disabled, audited as the system, and every administrator is told', async () => {
    const other = await createUser(t.db, { role: 'ADMIN', name: 'Second Admin' });
    const gone = await createUser(t.db, { role: 'ADMIN', name: 'Former Admin' });
    await t.db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    const hook = await register('/hooks/down', ['checkpoint']);
    alwaysFail.add('/hooks/down');
    await decide(await freshCheckpoint());
    const started = now();
    await deliverUntilDone(hook.id);
    const [d] = await deliveriesOf(hook.id);
    expect(d!.state).toBe('FAILED');
    const span = d!.attemptLog.at(-1)!.at.getTime() - d!.createdAt.getTime();
    expect(span, 'retried for a day').toBeGreaterThanOrEqual(RETRY_WINDOW_MS - 1);
    expect(d!.attemptLog.length).toBeGreaterThan(8);
    expect(d!.attemptLog.length).toBeLessThan(20);
    expect(started.getTime()).toBeLessThan(d!.attemptLog.at(-1)!.at.getTime());

    const endpoint = await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } });
    expect(endpoint).toMatchObject({ active: false, consecutiveFailures: d!.attempts, disabledReason: expect.stringMatching(/nothing reached it for a day/) });
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: hook.id, action: 'webhook.disabled' } });
    expect(audit).toMatchObject({ actorId: null, actorLabel: 'system' });
    const told = await t.db.notification.findMany({ where: { href: '/admin/webhooks', title: { contains: `Webhook to ${new URL(base).host} was disabled after ${d!.attempts} failures` } } });
    expect(told.map((n) => n.userId).sort()).toEqual([actors.ADMIN.userId!, other.id].sort());
    expect(told.every((n) => n.reason === 'WEBHOOK_DISABLED')).toBe(true);

    // Disabled: a new change is not delivered; enabled again: the next one is.
    await decide(await freshCheckpoint());
    expect(await deliveriesOf(hook.id)).toHaveLength(1);
    alwaysFail.clear();
    ok(await updateWebhookCommand(actors.ADMIN, { id: hook.id, active: 'on' }));
    expect(await t.db.webhookEndpoint.findUniqueOrThrow({ where: { id: hook.id } })).toMatchObject({ active: true, disabledReason: null, consecutiveFailures: 0 });
    await decide(await freshCheckpoint());
    await runJobs();
    expect((await deliveriesOf(hook.id)).map((x) => x.state)).toEqual(['FAILED', 'SUCCEEDED']);
  });

  it('a delivery is sent once even when two runners poll at the same moment', async () => {
    const hook = await register('/hooks/once', ['milestone']);
    pauseMs = 150;
    const milestones = await Promise.all([1, 2, 3, 4, 5].map((n) => createMilestone(t.db, { partnershipId: deal.id, title: `Parallel ${n}` })));
    for (const m of milestones) await rename(m.id, `${m.title} (renamed)`);
    const runner = (id: string) => createJobRunner({ db: t.db, registry: JOBS, log: quiet, concurrency: 3, now, id });
    const [a, b] = [runner('runner-a'), runner('runner-b')];
    for (let i = 0; i < 10; i += 1) {
      const [x, y] = await Promise.all([a.tick(), b.tick()]);
      if (x + y === 0) break;
    }
    const ids = received.map((r) => r.headers['accord-delivery']);
    expect(ids).toHaveLength(5);
    expect(new Set(ids).size).toBe(5);
    expect((await deliveriesOf(hook.id)).map((d) => [d.state, d.attempts])).toEqual(Array(5).fill(['SUCCEEDED', 1]));
  });
});

describe('the retry schedule', () => {
  it('waits 30 s, 2 min, 10 min, 30 min, 1 h, 2 h, then 3 h (±10%), and ends a day after the change', () => {
    const created = new Date('2026-12-07T08:00:00Z');
    const mid = () => 0.5;
    const waits = [1, 2, 3, 4, 5, 6, 7, 8].map((n) => nextAttemptAt(n, created, created, mid)!.getTime() - created.getTime());
    expect(waits).toEqual([30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 10_800_000]);
    const late = new Date(created.getTime() + RETRY_WINDOW_MS - 60_000);
    expect(nextAttemptAt(9, late, created, mid), 'the last try is at the end of the day').toEqual(new Date(created.getTime() + RETRY_WINDOW_MS));
    expect(nextAttemptAt(10, new Date(created.getTime() + RETRY_WINDOW_MS), created, mid)).toBeNull();
  });
});

it.runIf(testEngine() === 'postgresql')('PostgreSQL: an administrator deleting an endpoint while a change is being saved neither fails the change nor leaves a delivery behind', async () => {
  const hook = await register('/hooks/deleted', ['checkpoint']);
  const c = await freshCheckpoint();
  await Promise.all([decide(c), webhookRoute.DELETE(new Request('http://accord.test/', { method: 'DELETE', headers: { authorization: `Bearer ${adminToken}` } }), { params: Promise.resolve({ id: hook.id }) })]);
  expect(await t.db.webhookEndpoint.count({ where: { id: hook.id } })).toBe(0);
  expect(await t.db.webhookDelivery.count({ where: { endpointId: hook.id } })).toBe(0);
});
