import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { Actor } from '@/server/auth/actor';
import { queueFanout } from '@/server/notifications/queue';

export type AuditInput = {
  entityType: string;
  entityId: string;
  action: string;
  partnershipId?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  context?: Record<string, unknown> | null;
};

type Tx = Prisma.TransactionClient;

const json = (value: Record<string, unknown> | null | undefined) =>
  value == null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/**
 * Writes one append-only audit event. Call it with the transaction of the change it describes,
 * so the change and its record commit or fail together; an event people hear about queues its
 * notifications in the same transaction (server/notifications/queue.ts).
 */
export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<void> {
  const { id } = await tx.auditEvent.create({
    select: { id: true },
    data: {
      actorId: actor.userId,
      actorLabel: actor.label,
      entityType: input.entityType,
      entityId: input.entityId,
      action: input.action,
      partnershipId: input.partnershipId ?? null,
      before: json(input.before),
      after: json(input.after),
      context: json(input.context),
    },
  });
  await queueFanout(tx, input.action, id);
}

/** The fields whose values differ, as { before, after } holding only those fields. */
export function changedFields<T extends Record<string, unknown>>(before: T, after: Partial<T>) {
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of Object.keys(after)) {
    const next = after[key];
    const prev = before[key];
    if (next === undefined) continue;
    if (JSON.stringify(prev) !== JSON.stringify(next)) {
      b[key] = prev ?? null;
      a[key] = next ?? null;
    }
  }
  return { before: b, after: a, changed: Object.keys(a).length > 0 };
}
