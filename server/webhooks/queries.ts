import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { DeliveryListInput, DeliveryState } from '@/lib/schemas/webhooks';
import { WEBHOOK_EVENTS, type WebhookEvent } from '@/lib/webhook-events';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';
import { hostOf } from './disable';
import { secretHint } from './signature';

/** An endpoint as lists and the API show it: never its secret, only the last four characters. */
export type WebhookDto = {
  id: string;
  url: string;
  host: string;
  description: string;
  events: WebhookEvent[];
  allowPrivate: boolean;
  active: boolean;
  disabledAt: string | null;
  disabledReason: string | null;
  secretHint: string;
  consecutiveFailures: number;
  pending: number;
  lastDelivery: { state: DeliveryState; status: number | null; at: string; error: string | null } | null;
  createdAt: string;
  updatedAt: string;
  version: number;
};

const ENDPOINT_SELECT = {
  id: true, url: true, description: true, events: true, allowPrivate: true, active: true, disabledAt: true, disabledReason: true,
  secret: true, consecutiveFailures: true, createdAt: true, updatedAt: true, version: true,
  deliveries: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1, select: { state: true, lastStatus: true, lastError: true, createdAt: true, deliveredAt: true } },
  _count: { select: { deliveries: { where: { state: 'PENDING' } } } },
} satisfies Prisma.WebhookEndpointSelect;

type EndpointRow = {
  id: string; url: string; description: string; events: string[]; allowPrivate: boolean; active: boolean; disabledAt: Date | null; disabledReason: string | null;
  secret: string; consecutiveFailures: number; createdAt: Date; updatedAt: Date; version: number;
  deliveries: { state: DeliveryState; lastStatus: number | null; lastError: string | null; createdAt: Date; deliveredAt: Date | null }[];
  _count: { deliveries: number };
};

function toWebhookDto(e: EndpointRow): WebhookDto {
  const last = e.deliveries[0];
  return {
    id: e.id, url: e.url, host: hostOf(e.url), description: e.description,
    events: WEBHOOK_EVENTS.filter((x) => e.events.includes(x)),
    allowPrivate: e.allowPrivate, active: e.active, disabledAt: e.disabledAt?.toISOString() ?? null, disabledReason: e.disabledReason,
    secretHint: secretHint(e.secret), consecutiveFailures: e.consecutiveFailures, pending: e._count.deliveries,
    lastDelivery: last ? { state: last.state, status: last.lastStatus, at: (last.deliveredAt ?? last.createdAt).toISOString(), error: last.lastError } : null,
    createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString(), version: e.version,
  };
}

/** Every registered endpoint, oldest first. */
export async function findWebhooks(): Promise<WebhookDto[]> {
  const rows = await db.webhookEndpoint.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: ENDPOINT_SELECT });
  return rows.map(toWebhookDto);
}

/** One endpoint, or null. */
export async function findWebhook(id: string): Promise<WebhookDto | null> {
  const row = await db.webhookEndpoint.findUnique({ where: { id: id.slice(0, 64) }, select: ENDPOINT_SELECT });
  return row ? toWebhookDto(row) : null;
}

/** One endpoint with its signing secret: its own page, for the administrator to give to the receiver. */
export async function findWebhookWithSecret(id: string): Promise<(WebhookDto & { secret: string }) | null> {
  const row = await db.webhookEndpoint.findUnique({ where: { id: id.slice(0, 64) }, select: ENDPOINT_SELECT });
  return row ? { ...toWebhookDto(row), secret: row.secret } : null;
}

export type AttemptDto = { at: string; status: number | null; durationMs: number; error: string | null };

/** A delivery as the endpoint's page and GET …/deliveries show it, with every attempt. */
export type DeliveryDto = {
  id: string;
  /** The audit action: "checkpoint.updated". */
  event: string;
  eventId: string | null;
  entity: { type: string; id: string };
  partnership: { slug: string; name: string } | null;
  state: DeliveryState;
  attempts: number;
  lastStatus: number | null;
  lastDurationMs: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  /** PENDING: when it is tried next. */
  nextAttemptAt: string | null;
  log: AttemptDto[];
};

type Payload = { partnership?: { slug?: string; name?: string } | null; entity?: { type?: string; id?: string } };

/** An endpoint's deliveries, newest first: `state` filters, `before` (a delivery id) pages. */
export async function findDeliveries(endpointId: string, query: DeliveryListInput): Promise<{ deliveries: DeliveryDto[]; next: string | null }> {
  const endpoint = await db.webhookEndpoint.findUnique({ where: { id: endpointId.slice(0, 64) }, select: { id: true } });
  if (!endpoint) throw new NotFoundError('No webhook with that id.');
  const cursor = query.before ? await db.webhookDelivery.findFirst({ where: { id: query.before, endpointId: endpoint.id }, select: { createdAt: true, id: true } }) : null;
  if (query.before && !cursor) throw new NotFoundError('No delivery of this webhook with the id given in before.');
  const rows = await db.webhookDelivery.findMany({
    where: {
      endpointId: endpoint.id,
      ...(query.state ? { state: query.state } : {}),
      ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
    select: {
      id: true, event: true, auditEventId: true, entityKey: true, payload: true, state: true, attempts: true, lastStatus: true, lastDurationMs: true, lastError: true,
      createdAt: true, deliveredAt: true, nextAttemptAt: true,
      attemptLog: { orderBy: [{ at: 'asc' }, { id: 'asc' }], take: 100, select: { at: true, status: true, durationMs: true, error: true } },
    },
  });
  const page = rows.slice(0, query.limit);
  return {
    deliveries: page.map((d) => {
      const p = (d.payload ?? {}) as Payload;
      const [type = '', ...rest] = d.entityKey.split(':');
      return {
        id: d.id, event: d.event, eventId: d.auditEventId?.toString() ?? null,
        entity: { type: p.entity?.type ?? type, id: p.entity?.id ?? rest.join(':') },
        partnership: p.partnership?.slug && p.partnership.name ? { slug: p.partnership.slug, name: p.partnership.name } : null,
        state: d.state, attempts: d.attempts, lastStatus: d.lastStatus, lastDurationMs: d.lastDurationMs, lastError: d.lastError,
        createdAt: d.createdAt.toISOString(), deliveredAt: d.deliveredAt?.toISOString() ?? null,
        nextAttemptAt: d.state === 'PENDING' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
        log: d.attemptLog.map((a) => ({ at: a.at.toISOString(), status: a.status, durationMs: a.durationMs, error: a.error })),
      };
    }),
    next: rows.length > query.limit ? page.at(-1)!.id : null,
  };
}
