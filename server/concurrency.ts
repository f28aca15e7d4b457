import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { describeChange } from '@/lib/rules/changes';
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
): Promise<void> {
  if (entity.version === expected) return;
  const last = await tx.auditEvent.findFirst({ where: { entityType: entity.type, entityId: entity.id }, orderBy: { id: 'desc' } });
  const by = last ? ` by ${last.actorLabel} at ${last.occurredAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
  // What changed, in the words the review list uses ("status In progress → Done").
  const what = last
    ? describeChange({ entityType: entity.type, action: last.action, label: null, before: last.before as Record<string, unknown> | null, after: last.after as Record<string, unknown> | null })
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
