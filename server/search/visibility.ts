import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { Actor } from '@/server/auth/actor';
import { actorCan } from '@/server/auth/guard';

/**
 * Which partnerships a reader may see, for search: the ONE rule every search query applies (to a
 * partnership, and to everything that lives in one: its milestones, checkpoints, rollouts, notes,
 * documents, and its parties for organizations). Today every role with `partnerships.read` reads
 * every partnership (lib/permissions.ts); a later issue adds partner users bound to one
 * organization, whose rule belongs here and nowhere else.
 */
export type PartnershipVisibility = 'all' | 'none' | { only: readonly string[] };

export function visiblePartnershipFilter(actor: Actor): PartnershipVisibility {
  return actorCan(actor, 'partnerships.read') ? 'all' : 'none';
}

/** The filter as a SQL condition on a partnership id column. */
export function visibleSql(visibility: PartnershipVisibility, column: Prisma.Sql): Prisma.Sql {
  if (visibility === 'all') return Prisma.sql`TRUE`;
  if (visibility === 'none' || visibility.only.length === 0) return Prisma.sql`FALSE`;
  return Prisma.sql`${column} IN (${Prisma.join(visibility.only)})`;
}
