import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { CreateWebhookInput, UpdateWebhookInput } from '@/lib/schemas/webhooks';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { ConflictError, NotFoundError, ValidationError } from '@/server/errors';
import { enqueueJob } from '@/server/jobs/queue';
import { checkReceiverAddress, UnsafeAddressError } from './address';
import { deliveryRequest, logAttempt, RETRY_WINDOW_MS, SEND_LEASE_MS } from './deliver';
import { hostOf } from './disable';
import { WEBHOOK_SEND_JOB } from './fanout';
import { findWebhook, type WebhookDto } from './queries';
import { postWebhook, type SendOutcome } from './send';
import { generateWebhookSecret } from './signature';

type Tx = Prisma.TransactionClient;

/** The receiver's address resolved and checked (server-side request forgery), or a 422 on the url field. */
async function requireSafeAddress(url: string, allowPrivate: boolean): Promise<void> {
  try {
    await checkReceiverAddress(new URL(url), allowPrivate);
  } catch (error) {
    if (error instanceof UnsafeAddressError) throw new ValidationError(error.message, { url: [error.message] });
    throw error;
  }
}

// What the audit trail keeps of an endpoint: never its secret.
const audited = (e: { url: string; description: string; events: string[]; allowPrivate: boolean; active?: boolean }) => ({
  url: e.url, description: e.description, events: e.events, allowPrivate: e.allowPrivate, ...(e.active === undefined ? {} : { active: e.active }),
});

async function current(tx: Tx, id: string) {
  const row = await tx.webhookEndpoint.findUnique({ where: { id: id.slice(0, 64) } });
  if (!row) throw new NotFoundError('No webhook with that id (it may have been deleted).');
  return row;
}

/** Registers an endpoint; its secret is returned here (and shown on its page), never in lists. */
export async function createWebhook(actor: Actor, input: CreateWebhookInput): Promise<WebhookDto & { secret: string }> {
  await requireSafeAddress(input.url, input.allowPrivate); // the network, before the transaction
  const secret = generateWebhookSecret();
  const id = await db.$transaction(async (tx) => {
    const created = await tx.webhookEndpoint.create({
      data: { url: input.url, description: input.description, events: input.events, allowPrivate: input.allowPrivate, secret, createdById: actor.userId },
      select: { id: true },
    });
    await recordAudit(tx, actor, { entityType: 'WebhookEndpoint', entityId: created.id, action: 'webhook.created', after: audited(input) });
    return created.id;
  });
  return { ...(await findWebhook(id))!, secret };
}

/**
 * Changes an endpoint: its address, events, description, "allow a private address", or whether it
 * is active. Enabling it clears the reason it was disabled and sends its pending deliveries that
 * are still within their day (older ones end as FAILED). A stale `version` is a 409.
 */
export async function updateWebhook(actor: Actor, id: string, input: UpdateWebhookInput): Promise<WebhookDto> {
  const merged = (row: Awaited<ReturnType<typeof current>>) => ({
    url: input.url ?? row.url,
    description: input.description ?? row.description,
    events: input.events ?? row.events,
    allowPrivate: input.allowPrivate ?? row.allowPrivate,
    active: input.active ?? row.active,
  });
  // A new address or permission is checked as at registration; so is an endpoint enabled again (its
  // name may resolve elsewhere by now). Disabling, or a new description or events, needs no lookup.
  // The lookup is network I/O: before the transaction, which then makes sure it checked what is saved.
  const before = await current(db, id);
  const planned = merged(before);
  const checked = planned.url !== before.url || planned.allowPrivate !== before.allowPrivate || (planned.active && !before.active);
  if (checked) await requireSafeAddress(planned.url, planned.allowPrivate);
  await db.$transaction(async (tx) => {
    const row = await current(tx, id);
    const version = input.version ?? row.version;
    await assertVersion(tx, { type: 'WebhookEndpoint', id: row.id, noun: 'webhook', version: row.version }, version, () => ({ id: row.id, version: row.version }));
    const next = merged(row);
    if (checked && (next.url !== planned.url || next.allowPrivate !== planned.allowPrivate)) throw lostRace('webhook');
    const was = audited(row);
    const now = audited(next);
    const changed = Object.keys(now).filter((k) => JSON.stringify(was[k as keyof typeof was]) !== JSON.stringify(now[k as keyof typeof now]));
    if (!changed.length) return;
    const at = new Date();
    const { count } = await tx.webhookEndpoint.updateMany({
      where: { id: row.id, version: row.version },
      data: {
        ...next, version: { increment: 1 },
        ...(next.active === row.active ? {} : next.active ? { disabledAt: null, disabledReason: null, consecutiveFailures: 0 } : { disabledAt: at, disabledReason: `Disabled by ${actor.name ?? actor.label}.` }),
      },
    });
    if (count !== 1) throw lostRace('webhook');
    if (next.active && !row.active) {
      await tx.webhookDelivery.updateMany({
        where: { endpointId: row.id, state: 'PENDING', createdAt: { lt: new Date(at.getTime() - RETRY_WINDOW_MS) } },
        data: { state: 'FAILED', nextAttemptAt: null, lastError: 'Not sent: the webhook was disabled for more than a day after this change.' },
      });
      await enqueueJob(WEBHOOK_SEND_JOB, {}, { runAt: at }, tx);
    }
    await recordAudit(tx, actor, {
      entityType: 'WebhookEndpoint', entityId: row.id, action: 'webhook.updated',
      before: Object.fromEntries(changed.map((k) => [k, was[k as keyof typeof was]])), after: Object.fromEntries(changed.map((k) => [k, now[k as keyof typeof now]])),
      context: { url: next.url },
    });
  });
  return (await findWebhook(id))!;
}

/** A new signing secret, at once (the receiver must be given it): audited, without either secret. */
export async function rotateWebhookSecret(actor: Actor, id: string): Promise<{ id: string; host: string; secret: string }> {
  const secret = generateWebhookSecret();
  return db.$transaction(async (tx) => {
    const row = await current(tx, id);
    const { count } = await tx.webhookEndpoint.updateMany({ where: { id: row.id, version: row.version }, data: { secret, version: { increment: 1 } } });
    if (count !== 1) throw lostRace('webhook');
    await recordAudit(tx, actor, { entityType: 'WebhookEndpoint', entityId: row.id, action: 'webhook.updated', context: { url: row.url, secret: 'replaced' } });
    return { id: row.id, host: hostOf(row.url), secret };
  });
}

/** Deletes an endpoint with its delivery log. */
export async function deleteWebhook(actor: Actor, id: string): Promise<{ id: string; host: string }> {
  return db.$transaction(async (tx) => {
    const row = await current(tx, id);
    // The audit row first: it bumps data_versions, which every change takes before it reads the
    // endpoints (server/webhooks/fanout.ts), so both lock in the same order. Deleting first
    // deadlocked with a change being saved at that moment (PostgreSQL, tests/db/webhooks.test.ts).
    await recordAudit(tx, actor, { entityType: 'WebhookEndpoint', entityId: row.id, action: 'webhook.deleted', before: audited(row) });
    const { count } = await tx.webhookEndpoint.deleteMany({ where: { id: row.id } });
    if (count !== 1) throw new NotFoundError('No webhook with that id (it was deleted meanwhile).');
    return { id: row.id, host: hostOf(row.url) };
  });
}

export type RedeliveryResult = SendOutcome & { deliveryId: string; host: string };

/**
 * Sends a finished delivery (succeeded or failed) once more, now, as an administrator asks: one
 * attempt, logged like the others, signed afresh, with the same Accord-Delivery id so a receiver
 * that kept it ignores it. Not retried afterwards, and not held back by the order of its thing
 * (it is sent by hand). A pending delivery is already being retried: 409.
 */
export async function redeliverWebhook(actor: Actor, endpointId: string, deliveryId: string): Promise<RedeliveryResult> {
  const at = new Date();
  const claimed = await db.$transaction(async (tx) => {
    const endpoint = await current(tx, endpointId);
    const [delivery] = await tx.$queryRaw<{ id: string; state: string; attempts: number; event: string; payload: unknown; nextAttemptAt: Date | null }[]>`
      SELECT id, state::text AS state, attempts, event, payload, "nextAttemptAt" FROM webhook_deliveries
      WHERE id = ${deliveryId.slice(0, 64)} AND "endpointId" = ${endpoint.id} FOR UPDATE`;
    if (!delivery) throw new NotFoundError('No such delivery of this webhook (deliveries are kept 30 days).');
    if (!endpoint.active) throw new ConflictError('This webhook is disabled: enable it first, then redeliver.');
    if (delivery.state === 'PENDING') throw new ConflictError('This delivery is still being retried; it is not redelivered by hand until it has succeeded or failed.');
    if (delivery.nextAttemptAt && delivery.nextAttemptAt > at) throw new ConflictError('This delivery is being redelivered right now. Reload in a few seconds.');
    // The lease: nobody else redelivers it while this attempt is under way.
    await tx.webhookDelivery.update({ where: { id: delivery.id }, data: { attempts: { increment: 1 }, nextAttemptAt: new Date(at.getTime() + SEND_LEASE_MS) } });
    await recordAudit(tx, actor, {
      entityType: 'WebhookEndpoint', entityId: endpoint.id, action: 'webhook.redelivered',
      context: { url: endpoint.url, event: delivery.event, previousState: delivery.state.toLowerCase() },
    });
    return { endpoint, delivery };
  });
  const { body, headers } = deliveryRequest(claimed.endpoint, claimed.delivery, at);
  const outcome = await postWebhook(claimed.endpoint.url, claimed.endpoint.allowPrivate, headers, body);
  await db.$transaction(async (tx) => {
    await logAttempt(tx, claimed.delivery.id, at, outcome);
    await tx.webhookDelivery.updateMany({
      where: { id: claimed.delivery.id },
      data: {
        state: outcome.ok ? 'SUCCEEDED' : 'FAILED', nextAttemptAt: null, lastStatus: outcome.status, lastError: outcome.error, lastDurationMs: outcome.durationMs,
        ...(outcome.ok ? { deliveredAt: at } : {}),
      },
    });
    if (outcome.ok) await tx.webhookEndpoint.updateMany({ where: { id: claimed.endpoint.id }, data: { consecutiveFailures: 0 } });
  });
  return { ...outcome, deliveryId: claimed.delivery.id, host: hostOf(claimed.endpoint.url) };
}
