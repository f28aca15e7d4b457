import 'server-only';
import { CONFIDENTIAL_FIELD_DEFAULTS, CONFIDENTIAL_FIELD_LABELS, type FieldPoliciesInput } from '@/lib/schemas/field-policies';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { isWriteConflict, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { ConflictError, NotFoundError } from '@/server/errors';
import { findFieldPolicies, type FieldPoliciesDto } from './queries';

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/**
 * Marks fields of a partnership confidential or not (issue 17, item 5). Each field carries the
 * version the editor saw (0: on its default); one that moved since is refused with 409 naming it,
 * and nothing is saved. One audit row (`field_policy.changed`, in the same transaction) holds every
 * changed field before and after, in the users' words. Readers follow at once: the table bumps the
 * content version (server/access/fields.ts keeps the rules per version).
 */
export async function updateFieldPolicies(actor: Actor, slug: string, input: FieldPoliciesInput): Promise<FieldPoliciesDto> {
  try {
    await db.$transaction(async (tx) => {
      const partnership = await tx.partnership.findUnique({ where: { slug: slug.slice(0, 200) }, select: { id: true } });
      if (!partnership) throw new NotFoundError(`No partnership "${slug.slice(0, 200)}".`);
      const rows = await tx.partnershipFieldPolicy.findMany({ where: { partnershipId: partnership.id }, select: { field: true, confidential: true, version: true } });
      const before: Record<string, boolean> = {};
      const after: Record<string, boolean> = {};
      for (const p of input.policies) {
        const row = rows.find((r) => r.field === p.field);
        const label = CONFIDENTIAL_FIELD_LABELS[p.field];
        if ((row?.version ?? 0) !== p.version) {
          throw new ConflictError(`Whether the ${label.toLowerCase()} is confidential was changed by someone else since you loaded it. Reload and try again.`);
        }
        const current = row?.confidential ?? CONFIDENTIAL_FIELD_DEFAULTS[p.field];
        if (current === p.confidential) continue;
        if (row) {
          const moved = await tx.partnershipFieldPolicy.updateMany({
            where: { partnershipId: partnership.id, field: p.field, version: row.version },
            data: { confidential: p.confidential, version: { increment: 1 } },
          });
          if (moved.count !== 1) throw lostRace(`confidentiality of the ${label.toLowerCase()}`);
        } else {
          await tx.partnershipFieldPolicy.create({ data: { partnershipId: partnership.id, field: p.field, confidential: p.confidential } });
        }
        before[`${label} confidential`] = current;
        after[`${label} confidential`] = p.confidential;
      }
      if (Object.keys(after).length) {
        await recordAudit(tx, actor, { entityType: 'Partnership', entityId: partnership.id, partnershipId: partnership.id, action: 'field_policy.changed', before, after });
      }
    });
  } catch (error) {
    // Two first saves of the same field at once: one creates the row, the other is told.
    if (isUniqueViolation(error) || isWriteConflict(error)) throw lostRace('confidential fields');
    throw error;
  }
  return findFieldPolicies(slug);
}
