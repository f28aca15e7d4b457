import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { keepViewParameters, type CreateViewInput, type UpdateViewInput, type ViewKind } from '@/lib/schemas/views';
import { changedFields, recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { actorCan } from '@/server/auth/guard';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { KIND_OF, STORED_KIND, toViewDto, VIEW_SELECT, visibleTo, type SavedViewDto } from './queries';

type Tx = Prisma.TransactionClient;

const KIND_WORDS: Record<ViewKind, string> = { metrics: 'metrics explorer', portfolio: 'portfolio' };
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';
const nameTaken = (name: string, kind: ViewKind, existing = name) =>
  new ConflictError(
    `You already have a ${KIND_WORDS[kind]} view named “${existing}”${existing === name ? '' : ` (names are compared ignoring case)`}. Choose another name, or rename or delete that view.`,
  );

/**
 * A person's view names are unique per page, ignoring case ("Q4 board" and "q4 board" would look
 * like one in the menu). The unique index (owner, kind, name) is exact, so writes of one person take
 * a transaction-scoped advisory lock first; the index still refuses anything that slips past.
 */
async function assertNameFree(tx: Tx, ownerId: string, kind: ViewKind, name: string, exceptId: string | null): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`accord.saved_views.${ownerId}`}))`;
  const clash = await tx.savedView.findFirst({
    where: { ownerId, kind: STORED_KIND[kind], name: { equals: name, mode: 'insensitive' }, ...(exceptId ? { NOT: { id: exceptId } } : {}) },
    select: { name: true },
  });
  if (clash) throw nameTaken(name, kind, clash.name);
}

function cleanQuery(kind: ViewKind, query: string): string {
  const kept = keepViewParameters(kind, query);
  if ('problem' in kept) throw new ValidationError(kept.problem, { query: [kept.problem] });
  return kept.query;
}

/** A metrics view opens a partnership's explorer: that partnership must exist. */
async function assertPartnership(tx: Tx, kind: ViewKind, query: string): Promise<void> {
  if (kind !== 'metrics') return;
  const slug = new URLSearchParams(query).get('partnership') ?? '';
  if (!(await tx.partnership.findUnique({ where: { slug }, select: { id: true } }))) {
    const message = `No partnership has the web address “${slug}”: a metrics view opens the explorer of an existing partnership.`;
    throw new ValidationError(message, { query: [message] });
  }
}

const plain = (v: { name: string; kind: ViewKind; shared: boolean; query: string }) => ({ name: v.name, kind: v.kind, shared: v.shared, query: v.query });

/** Saves the page's filters under a name for its owner, personal or shared, audited. */
export async function createView(actor: Actor, input: CreateViewInput): Promise<SavedViewDto> {
  if (!actor.userId) throw new ForbiddenError('Saved views belong to people: sign in to save one.');
  const ownerId = actor.userId;
  try {
    return await db.$transaction(async (tx) => {
      await assertPartnership(tx, input.kind, input.query);
      await assertNameFree(tx, ownerId, input.kind, input.name, null);
      const row = await tx.savedView.create({
        data: { ownerId, kind: STORED_KIND[input.kind], name: input.name, shared: input.shared, query: input.query },
        select: VIEW_SELECT,
      });
      await recordAudit(tx, actor, { entityType: 'SavedView', entityId: row.id, action: 'view.created', after: plain(input) });
      return toViewDto(row, ownerId);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name, input.kind);
    throw error;
  }
}

/** The view as its reader may see it: someone else's personal view does not exist for them (404). */
async function visibleView(tx: Tx, actor: Actor, id: string) {
  const row = await tx.savedView.findFirst({ where: { AND: [{ id }, visibleTo(actor)] }, select: VIEW_SELECT });
  if (!row) throw new NotFoundError('No saved view with that id (it may have been deleted, or it is someone else’s personal view).');
  return row;
}

/** Its owner renames a view, shares or unshares it, or replaces its filters; a stale `version` is a 409. */
export async function updateView(actor: Actor, id: string, input: UpdateViewInput): Promise<SavedViewDto> {
  let kind: ViewKind = 'portfolio';
  try {
    return await db.$transaction(async (tx) => {
      const row = await visibleView(tx, actor, id);
      if (row.ownerId !== actor.userId) throw new ForbiddenError('Only the person who saved a view can change it; save your own copy instead.');
      kind = KIND_OF[row.kind];
      const version = input.version ?? row.version;
      await assertVersion(tx, { type: 'SavedView', id, noun: 'saved view', version: row.version }, version, () => toViewDto(row, actor.userId));
      const next = {
        name: input.name ?? row.name,
        shared: input.shared ?? row.shared,
        query: input.query === undefined ? row.query : cleanQuery(kind, input.query),
      };
      const diff = changedFields({ name: row.name, shared: row.shared, query: row.query }, next);
      if (!diff.changed) return toViewDto(row, actor.userId);
      if (diff.after.query !== undefined) await assertPartnership(tx, kind, next.query);
      if (diff.after.name !== undefined) await assertNameFree(tx, row.ownerId, kind, next.name, id);
      const updated = await tx.savedView.updateMany({ where: { id, version }, data: { ...next, version: { increment: 1 } } });
      if (updated.count !== 1) throw lostRace('saved view');
      await recordAudit(tx, actor, { entityType: 'SavedView', entityId: id, action: 'view.updated', before: diff.before, after: diff.after, context: { kind } });
      return toViewDto(await tx.savedView.findUniqueOrThrow({ where: { id }, select: VIEW_SELECT }), actor.userId);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name ?? '', kind);
    throw error;
  }
}

/**
 * Its owner deletes a view; an administrator (views.moderate) may delete someone else's shared
 * view too. Someone else's personal view is a 404 for everyone, administrators included.
 */
export async function deleteView(actor: Actor, id: string): Promise<{ id: string }> {
  return db.$transaction(async (tx) => {
    const row = await visibleView(tx, actor, id);
    const own = row.ownerId === actor.userId;
    if (!own && !actorCan(actor, 'views.moderate')) throw new ForbiddenError('Only the person who saved a view, or an administrator, can delete it.');
    const deleted = await tx.savedView.deleteMany({ where: { id, version: row.version } });
    if (deleted.count !== 1) throw lostRace('saved view');
    await recordAudit(tx, actor, {
      entityType: 'SavedView', entityId: id, action: 'view.deleted',
      before: plain({ ...row, kind: KIND_OF[row.kind] }), context: own ? null : { savedBy: row.owner.name },
    });
    return { id };
  });
}
