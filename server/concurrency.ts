import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { describeChange } from '@/lib/rules/changes';
import type { ConfidentialField } from '@/lib/schemas/field-policies';
import { redactAuditRow } from '@/server/audit/redact';
import { ConflictError } from '@/server/errors';

/**
 * Optimistic concurrency (issue 5): an edit carries the version it was based on. A stale one is
 * refused with the current state and who changed it last, so the form can show what changed
 * while keeping what the user typed.
 */
export async function assertVersion(
  tx: Prisma.TransactionClient,
  entity: { type: string; id: string; noun: string; version: number },
  expected: number,
  current: () => unknown,
  /** fields confidential to the reader (issue 17, item 5): the message's "what changed" says so, without values */
  hidden: readonly ConfidentialField[] = [],
): Promise<void> {
  if (entity.version === expected) return;
  const found = await tx.auditEvent.findFirst({ where: { entityType: entity.type, entityId: entity.id }, orderBy: { id: 'desc' } });
  const last = found ? redactAuditRow(found, { hidden }) : null;
  const by = last ? ` by ${last.actorLabel} at ${last.occurredAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
  // What changed, in the words the review list uses ("status In progress → Done").
  const what = last
    ? describeChange({ entityType: entity.type, action: last.action, label: null, before: last.before as Record<string, unknown> | null, after: last.after as Record<string, unknown> | null, confidential: last.confidential })
        .map((d) => d.text.replace(/^[^:]+: /, ''))
        .join('; ')
    : '';
  const changed = what ? ` (${what})` : '';
  throw new ConflictError(`This ${entity.noun} was changed${by}${changed} since you loaded it. Review the current values and try again; what you typed is still here.`, {
    ...(current() as object),
    changedBy: last?.actorLabel ?? null,
    changedAt: last?.occurredAt.toISOString() ?? null,
  });
}

/** The version-guarded write: exactly one of N simultaneous edits from the same version wins. */
export function lostRace(noun: string): ConflictError {
  return new ConflictError(`This ${noun} was changed by someone else at the same moment. Reload and try again.`);
}

/**
 * A transaction PostgreSQL aborted because it collided with another (deadlock 40P01, serialization
 * failure 40001; Prisma P2034). Nothing was written; the person can retry: 409, not 500.
 */
export function isWriteConflict(error: unknown): boolean {
  const e = error as { code?: unknown; meta?: { driverAdapterError?: { cause?: { kind?: string; code?: string } } } } | null;
  if (!e || typeof e !== 'object') return false;
  if (e.code === 'P2034' || e.code === '40001' || e.code === '40P01') return true;
  const cause = e.meta?.driverAdapterError?.cause;
  return cause?.kind === 'TransactionWriteConflict' || (cause?.kind === 'postgres' && (cause.code === '40001' || cause.code === '40P01'));
}

export const WRITE_CONFLICT_MESSAGE = 'Someone else changed this at the same moment, so nothing was saved. Reload and try again.';
