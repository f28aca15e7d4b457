import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { Db } from '@/server/db';
import { enqueueJob } from '@/server/jobs/queue';
import { disableFailingEndpoint } from './disable';
import { WEBHOOK_SEND_JOB } from './fanout';
import { webhookBody } from './payload';
import { postWebhook, type SendOutcome } from './send';
import { signWebhook, SIGNATURE_HEADER } from './signature';

type Tx = Prisma.TransactionClient;

/** Waits after the 1st, 2nd, … failed attempt (±10%); then every 3 hours, until a day has passed. */
export const RETRY_WAITS_MS = [30_000, 120_000, 600_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000];
export const RETRY_WINDOW_MS = 24 * 3_600_000;
/** A claimed delivery is not claimed again for this long (a sender killed mid-send frees it then). */
export const SEND_LEASE_MS = 60_000;
const BATCH = 10;
const ROUNDS = 20;

/** When a delivery that failed its `attempts`-th attempt at `at` is tried next, or null: its day is over. */
export function nextAttemptAt(attempts: number, at: Date, createdAt: Date, random: () => number = Math.random): Date | null {
  const deadline = createdAt.getTime() + RETRY_WINDOW_MS;
  if (at.getTime() >= deadline) return null;
  const base = RETRY_WAITS_MS[Math.min(Math.max(attempts, 1), RETRY_WAITS_MS.length) - 1]!;
  const wait = Math.round(base * (0.9 + 0.2 * random()));
  // The last try is at the end of the day exactly, so a receiver down for 23 hours still gets it.
  return new Date(Math.min(at.getTime() + wait, deadline));
}

type Claimed = { id: string; endpointId: string; attempts: number; event: string; payload: unknown; createdAt: Date };
type Endpoint = { id: string; url: string; secret: string; allowPrivate: boolean };

/**
 * Claims up to BATCH due deliveries. Safe with any number of runners and app instances: the rows
 * are locked with SKIP LOCKED and the claim moves `nextAttemptAt` a lease ahead, so no other
 * runner takes them while they are being sent. Order per thing: a delivery waits while an older
 * PENDING delivery of the same endpoint and thing exists (being sent, or waiting for its retry).
 */
async function claim(db: Db, at: Date): Promise<Claimed[]> {
  return db.$queryRaw<Claimed[]>`
    UPDATE webhook_deliveries SET attempts = attempts + 1, "nextAttemptAt" = ${new Date(at.getTime() + SEND_LEASE_MS)}
    WHERE id IN (
      SELECT d.id FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d."endpointId"
      WHERE d.state = 'PENDING' AND d."nextAttemptAt" <= ${at} AND e.active
        AND NOT EXISTS (
          SELECT 1 FROM webhook_deliveries o
          WHERE o."endpointId" = d."endpointId" AND o."entityKey" = d."entityKey" AND o.state = 'PENDING'
            AND (o."auditEventId" < d."auditEventId" OR (o."auditEventId" = d."auditEventId" AND o.id < d.id)))
      ORDER BY d."nextAttemptAt", d."auditEventId", d.id
      LIMIT ${BATCH}
      FOR UPDATE OF d SKIP LOCKED)
    RETURNING id, "endpointId", attempts, event, payload, "createdAt"`;
}

/** The request a receiver gets: the body, signed at `at`, and the headers of docs/api.md. */
export function deliveryRequest(endpoint: Pick<Endpoint, 'secret'>, delivery: { id: string; event: string; payload: unknown }, at: Date) {
  const body = webhookBody(delivery.payload);
  const headers = {
    'Content-Type': 'application/json',
    'User-Agent': 'Accord-Webhooks/1',
    'Accord-Event': delivery.event,
    'Accord-Delivery': delivery.id,
    [SIGNATURE_HEADER]: signWebhook(endpoint.secret, body, at),
  };
  return { body, headers };
}

/** Writes one attempt to the log (unless its delivery is gone: the endpoint was deleted meanwhile). */
export async function logAttempt(tx: Tx, deliveryId: string, at: Date, outcome: SendOutcome): Promise<void> {
  await tx.$executeRaw`
    INSERT INTO webhook_attempts (id, "deliveryId", at, status, "durationMs", error)
    SELECT ${`a${at.getTime().toString(36)}${crypto.randomUUID().replace(/-/g, '').slice(0, 14)}`}, id, ${at}, ${outcome.status}, ${outcome.durationMs}, ${outcome.error}
    FROM webhook_deliveries WHERE id = ${deliveryId}`;
}

/**
 * Records an automatic attempt: success ends the delivery and resets the endpoint's failure count;
 * a failure schedules the next try, or ends the delivery (FAILED) when its day is over; an endpoint
 * that nothing reached during that whole day is disabled (server/webhooks/disable.ts).
 * Guarded by the claim (`attempts`): a sender whose lease ran out and was taken over records nothing.
 */
async function recordOutcome(db: Db, delivery: Claimed, at: Date, outcome: SendOutcome): Promise<void> {
  await db.$transaction(async (tx) => {
    await logAttempt(tx, delivery.id, at, outcome);
    const last = { lastStatus: outcome.status, lastError: outcome.error, lastDurationMs: outcome.durationMs };
    if (outcome.ok) {
      const { count } = await tx.webhookDelivery.updateMany({
        where: { id: delivery.id, state: 'PENDING', attempts: delivery.attempts },
        data: { ...last, state: 'SUCCEEDED', deliveredAt: at, nextAttemptAt: null },
      });
      if (count) await tx.webhookEndpoint.updateMany({ where: { id: delivery.endpointId }, data: { consecutiveFailures: 0 } });
      return;
    }
    const next = nextAttemptAt(delivery.attempts, at, delivery.createdAt);
    const { count } = await tx.webhookDelivery.updateMany({
      where: { id: delivery.id, state: 'PENDING', attempts: delivery.attempts },
      data: { ...last, ...(next ? { nextAttemptAt: next } : { state: 'FAILED', nextAttemptAt: null }) },
    });
    if (!count) return;
    const [endpoint] = await tx.$queryRaw<{ consecutiveFailures: number }[]>`
      UPDATE webhook_endpoints SET "consecutiveFailures" = "consecutiveFailures" + 1 WHERE id = ${delivery.endpointId} RETURNING "consecutiveFailures"`;
    if (next || !endpoint) return;
    // This delivery failed for a whole day: if nothing at all reached the endpoint in that time, it is down, not picky.
    const [reached] = await tx.$queryRaw<{ n: number }[]>`
      SELECT COUNT(*)::int AS n FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a."deliveryId"
      WHERE d."endpointId" = ${delivery.endpointId} AND a.at >= ${delivery.createdAt} AND a.status BETWEEN 200 AND 299`;
    if (!reached?.n) await disableFailingEndpoint(tx, delivery.endpointId, { at, failures: endpoint.consecutiveFailures, lastError: outcome.error });
  });
}

async function sendOne(delivery: Claimed, endpoint: Endpoint | undefined, at: Date): Promise<SendOutcome> {
  if (!endpoint) return { ok: false, status: null, durationMs: 0, error: 'The endpoint was deleted.' };
  const { body, headers } = deliveryRequest(endpoint, delivery, at);
  return postWebhook(endpoint.url, endpoint.allowPrivate, headers, body);
}

/**
 * The `webhooks.send` job: sends every delivery that is due, round after round (a delivery freed
 * by an older one's success goes out in the same run), then queues the next run for the earliest
 * retry. `now` is the runner's clock (tests move it); time spent sending is added to it.
 */
export async function sendDueDeliveries(db: Db, now: Date): Promise<number> {
  const started = Date.now();
  const clock = () => new Date(now.getTime() + (Date.now() - started));
  let sent = 0;
  for (let round = 0; round < ROUNDS; round += 1) {
    const claimed = await claim(db, clock());
    if (!claimed.length) break;
    const endpoints = await db.webhookEndpoint.findMany({
      where: { id: { in: [...new Set(claimed.map((c) => c.endpointId))] } },
      select: { id: true, url: true, secret: true, allowPrivate: true },
    });
    const byId = new Map(endpoints.map((e) => [e.id, e]));
    await Promise.all(claimed.map(async (delivery) => {
      const at = clock();
      const outcome = await sendOne(delivery, byId.get(delivery.endpointId), at);
      await recordOutcome(db, delivery, at, outcome);
    }));
    sent += claimed.length;
    if (round === ROUNDS - 1) await enqueueJob(WEBHOOK_SEND_JOB, {}, { runAt: clock() }, db); // more is due: carry on in a new job
  }
  await queueNextRun(db, clock());
  return sent;
}

/** A job at the earliest retry still to come (one per second at most, however many are due then). */
async function queueNextRun(db: Db, after: Date): Promise<void> {
  const [row] = await db.$queryRaw<{ next: Date | null }[]>`
    SELECT MIN(d."nextAttemptAt") AS next FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d."endpointId"
    WHERE d.state = 'PENDING' AND e.active AND d."nextAttemptAt" > ${after}`;
  if (!row?.next) return;
  const runAt = new Date(Math.ceil(row.next.getTime() / 1000) * 1000);
  await enqueueJob(WEBHOOK_SEND_JOB, {}, { runAt, dedupeKey: `${WEBHOOK_SEND_JOB}@${runAt.toISOString()}` }, db);
}

/** Delivery history is kept 30 days (the pending ones until they end). */
export async function sweepDeliveries(db: Db, now: Date): Promise<number> {
  const { count } = await db.webhookDelivery.deleteMany({ where: { state: { not: 'PENDING' }, createdAt: { lt: new Date(now.getTime() - 30 * 86_400_000) } } });
  return count;
}
