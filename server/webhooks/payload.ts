import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { WebhookEvent } from '@/lib/webhook-events';

type Tx = Prisma.TransactionClient;

/** The JSON body of a delivery (docs/api.md, "Webhooks"): what changed, told from the audit trail. */
export type WebhookPayload = {
  /** The audit event's id: the same for every endpoint told of it, and for every retry. */
  id: string;
  /** The audit action, e.g. "checkpoint.updated". */
  event: string;
  /** The family an endpoint subscribes to: milestone, checkpoint, rollout, stage, note or import. */
  family: WebhookEvent;
  occurredAt: string;
  partnership: { id: string; slug: string; name: string } | null;
  entity: { type: string; id: string };
  /** The person's name ("Blake Dev"), or "system". */
  actor: string;
  changes: { before: unknown; after: unknown };
  context: unknown;
};

type AuditRow = {
  id: bigint; occurredAt: Date; actorId: string | null; actorLabel: string; entityType: string; entityId: string; action: string;
  partnershipId: string | null; before: Prisma.JsonValue; after: Prisma.JsonValue; context: Prisma.JsonValue;
};

// Nothing that looks like a credential leaves Accord, whatever a future audited action records.
const SECRET_KEY = /password|secret|token|hash(?!tag)/i;
function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([k]) => !SECRET_KEY.test(k) || k === 'sha256').map(([k, v]) => [k, scrub(v)]));
  }
  return value ?? null;
}

/** The payload of one audit event, with its partnership and the actor's name looked up in `tx`. */
export async function buildWebhookPayload(tx: Tx, event: AuditRow, family: WebhookEvent): Promise<WebhookPayload> {
  // One after the other: a transaction's queries share one connection.
  const partnership = event.partnershipId ? await tx.partnership.findUnique({ where: { id: event.partnershipId }, select: { id: true, slug: true, name: true } }) : null;
  const actor = event.actorId ? await tx.user.findUnique({ where: { id: event.actorId }, select: { name: true } }) : null;
  return {
    id: event.id.toString(),
    event: event.action,
    family,
    occurredAt: event.occurredAt.toISOString(),
    partnership: partnership ?? null,
    entity: { type: event.entityType, id: event.entityId },
    actor: actor?.name ?? event.actorLabel,
    changes: { before: scrub(event.before), after: scrub(event.after) },
    context: scrub(event.context),
  };
}

/**
 * The exact text sent (and signed). The payload is stored as JSONB, which keeps its own key order,
 * so the top level is put back in the documented order here.
 */
export function webhookBody(stored: unknown): string {
  const p = (stored ?? {}) as Partial<WebhookPayload>;
  const ordered: WebhookPayload = {
    id: p.id ?? '', event: p.event ?? '', family: p.family!, occurredAt: p.occurredAt ?? '', partnership: p.partnership ?? null,
    entity: p.entity ?? { type: '', id: '' }, actor: p.actor ?? '', changes: p.changes ?? { before: null, after: null }, context: p.context ?? null,
  };
  return JSON.stringify(ordered);
}
