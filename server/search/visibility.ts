import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { Actor } from '@/server/auth/actor';
import { actorCan } from '@/server/auth/guard';
import { isPartner, visiblePartnershipWhere } from '@/server/access/scope';
import { db } from '@/server/db';

/**
 * Which partnerships a reader may see, for search: the ONE rule every search query applies (to a
 * partnership, and to everything that lives in one: its milestones, checkpoints, rollouts, notes,
 * documents, and its parties for organizations). Internal roles with `partnerships.read` read every
 * partnership; a partner user reads their organization's deals, and within them only what is
 * shared (the parts take `sharedOnly`; server/search/queries.ts leaves the rest out for partners).
 */
export type PartnershipVisibility = 'all' | 'none' | { only: readonly string[] };

export async function visiblePartnershipFilter(actor: Actor): Promise<PartnershipVisibility> {
  if (!actorCan(actor, 'partnerships.read', { partners: 'scoped' })) return 'none';
  if (!isPartner(actor)) return 'all';
  // A partner user: the deals their organization is a party to (issue 17, server/access/scope.ts).
  const rows = await db.partnership.findMany({ where: visiblePartnershipWhere(actor), select: { id: true } });
  return { only: rows.map((r) => r.id) };
}

/** The filter as a SQL condition on a partnership id column. */
export function visibleSql(visibility: PartnershipVisibility, column: Prisma.Sql): Prisma.Sql {
  if (visibility === 'all') return Prisma.sql`TRUE`;
  if (visibility === 'none' || visibility.only.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`${column} IN (${Prisma.join(visibility.only)})`;
}
