import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { SLUG_PATTERN } from '@/lib/schemas/partnerships';
import { viewHref, type ViewKind } from '@/lib/schemas/views';
import type { Actor } from '@/server/auth/actor';
import { keptWhile } from '@/server/cache/versioned';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

export const KIND_OF = { METRICS: 'metrics', PORTFOLIO: 'portfolio' } as const;
export const STORED_KIND = { metrics: 'METRICS', portfolio: 'PORTFOLIO' } as const;

export const VIEW_SELECT = {
  id: true, ownerId: true, kind: true, name: true, shared: true, query: true, version: true, createdAt: true, updatedAt: true,
  owner: { select: { name: true } },
} as const;

type ViewRow = {
  id: string; ownerId: string; kind: keyof typeof KIND_OF; name: string; shared: boolean; query: string; version: number;
  createdAt: Date; updatedAt: Date; owner: { name: string };
};

/** A saved view as the pages and the API show it, for one reader (`mine`: they own it). */
export type SavedViewDto = {
  id: string;
  kind: ViewKind;
  name: string;
  shared: boolean;
  /** the page's query string, without "?" */
  query: string;
  /** the page it opens: its address and query */
  href: string;
  ownerId: string;
  owner: string;
  mine: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
};

export function toViewDto(v: ViewRow, readerId: string | null): SavedViewDto {
  const kind = KIND_OF[v.kind];
  return {
    id: v.id, kind, name: v.name, shared: v.shared, query: v.query, href: viewHref(kind, v.query),
    ownerId: v.ownerId, owner: v.owner.name, mine: !!readerId && v.ownerId === readerId, version: v.version,
    createdAt: v.createdAt.toISOString(), updatedAt: v.updatedAt.toISOString(),
  };
}

/**
 * What a reader may see: their own views and everyone's shared ones. Spelled out for a reader
 * without a user (an operator): shared ones only, never a filter that vanishes with a missing id.
 */
export function visibleTo(actor: Pick<Actor, 'userId'>): Prisma.SavedViewWhereInput {
  return actor.userId ? { OR: [{ ownerId: actor.userId }, { shared: true }] } : { shared: true };
}

/** The views of one partnership's explorer: their query starts with its partnership (keepViewParameters puts it first). */
function ofPartnership(slug: string): Prisma.SavedViewWhereInput {
  // A slug has no LIKE wildcards; anything else names no partnership and matches nothing.
  if (!SLUG_PATTERN.test(slug)) return { id: { in: [] } };
  return { OR: [{ query: `partnership=${slug}` }, { query: { startsWith: `partnership=${slug}&` } }] };
}

const VIEW_LIST_LIMIT = 500;

/**
 * The views a reader may open, of one kind (or both), for the "Saved views" menu and the API: their
 * own first, then the shared ones of others, each by name. Kept while the data is unchanged
 * (decision 011; saved_views bumps the content version since migration
 * 20261204231000_saved_views_version): the explorer and the portfolio list them on every view.
 */
export async function findViews(actor: Actor, kind?: ViewKind, partnershipSlug?: string): Promise<SavedViewDto[]> {
  const rows = await keptViewRows(actor.userId, kind, partnershipSlug);
  const views = rows.map((r) => toViewDto(r, actor.userId));
  const byName = (a: SavedViewDto, b: SavedViewDto) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.id.localeCompare(b.id);
  return [...views.filter((v) => v.mine).sort(byName), ...views.filter((v) => !v.mine).sort(byName)];
}

/** The stored rows behind findViews, for a reader by user id (null: an operator, shared views only). */
const keptViewRows = keptWhile('content', 512, async (userId: string | null, kind?: ViewKind, partnershipSlug?: string): Promise<ViewRow[]> => {
  const { owner: _owner, ...select } = VIEW_SELECT;
  const found = await db.savedView.findMany({
    where: {
      AND: [
        visibleTo({ userId }),
        kind ? { kind: STORED_KIND[kind] } : {},
        partnershipSlug !== undefined ? { kind: 'METRICS', ...ofPartnership(partnershipSlug) } : {},
      ],
    },
    orderBy: [{ name: 'asc' }, { id: 'asc' }],
    select,
    take: VIEW_LIST_LIMIT,
  });
  // The owners' names in a second read only when there are views (the relation's read ran even for none).
  const owners = found.length === 0 ? [] : await db.user.findMany({ where: { id: { in: [...new Set(found.map((r) => r.ownerId))] } }, select: { id: true, name: true } });
  const nameOf = new Map(owners.map((o) => [o.id, o.name]));
  return found.map((r) => ({ ...r, owner: { name: nameOf.get(r.ownerId) ?? '' } }));
}, (userId, kind, partnershipSlug) => [userId, kind ?? null, partnershipSlug ?? null]);

/** One view by id, if the reader may see it: someone else's personal view is a 404, as if it did not exist. */
export async function findView(actor: Actor, id: string): Promise<SavedViewDto> {
  const row = await db.savedView.findFirst({ where: { AND: [{ id }, visibleTo(actor)] }, select: VIEW_SELECT });
  if (!row) throw new NotFoundError('No saved view with that id (it may have been deleted, or it is someone else’s personal view).');
  return toViewDto(row, actor.userId);
}
