import 'server-only';
import { dayToDate } from '@/lib/dates';
import type { CreateMilestoneInput } from '@/lib/schemas/milestones';
import type { z } from 'zod';
import type { bulkMilestoneSchema } from '@/lib/schemas/milestones';
import { createsCycle } from '@/lib/rules/dependencies';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { NotFoundError, ValidationError } from '@/server/errors';
import { checkDependencies, checkOwner, checkTitleFree, updateMilestone } from './mutations';
import { MILESTONE_INCLUDE, toMilestoneDto } from './queries';

/** Adds a milestone at the end of the partnership's list. */
export async function createMilestone(actor: Actor, input: CreateMilestoneInput) {
  return db.$transaction(async (tx) => {
    const p = await tx.partnership.findUnique({ where: { slug: input.partnershipSlug }, select: { id: true } });
    if (!p) throw new NotFoundError(`No partnership "${input.partnershipSlug}".`);
    await checkTitleFree(tx, p.id, input.title, null);
    const deps = [...new Set(input.dependsOnIds)];
    await checkDependencies(tx, p.id, null, deps);
    // Someone of a partner organization as owner shares the milestone with them (issue 17).
    const ownerIsPartner = input.ownerId ? await checkOwner(tx, p.id, input.ownerId) : false;
    const last = await tx.milestone.aggregate({ where: { partnershipId: p.id }, _max: { sortOrder: true } });
    const m = await tx.milestone.create({
      data: {
        partnershipId: p.id, title: input.title, dueOn: input.dueOn ? dayToDate(input.dueOn) : null, ownerId: input.ownerId ?? null, sharedWithPartners: ownerIsPartner,
        sortOrder: (last._max.sortOrder ?? 0) + 1, dependsOn: deps.length ? { create: deps.map((dependsOnId) => ({ dependsOnId })) } : undefined,
      },
      include: MILESTONE_INCLUDE,
    });
    await recordAudit(tx, actor, {
      entityType: 'Milestone', entityId: m.id, action: 'milestone.created', partnershipId: p.id,
      after: { title: m.title, dueOn: input.dueOn ?? null, ownerId: m.ownerId, dependsOn: deps, ...(ownerIsPartner ? { sharedWithPartners: true } : {}) },
    });
    return toMilestoneDto(m);
  });
}

/** Swaps a milestone with its neighbour above or below (both rows version-bumped and audited). */
export async function moveMilestone(actor: Actor, input: { id: string; version: number; direction: 'up' | 'down' }) {
  return db.$transaction(async (tx) => {
    const m = await tx.milestone.findUnique({ where: { id: input.id, deletedAt: null }, include: MILESTONE_INCLUDE });
    if (!m) throw new NotFoundError('No milestone with that id.');
    await assertVersion(tx, { type: 'Milestone', id: m.id, noun: 'milestone', version: m.version }, input.version, () => toMilestoneDto(m));
    const siblings = await tx.milestone.findMany({ where: { partnershipId: m.partnershipId, deletedAt: null }, orderBy: [{ sortOrder: 'asc' }, { createdAt: 'asc' }], select: { id: true, sortOrder: true, version: true } });
    const at = siblings.findIndex((s) => s.id === m.id);
    const other = siblings[input.direction === 'up' ? at - 1 : at + 1];
    if (!other) return { title: m.title, moved: false };
    // Renumber the whole list so equal sort orders cannot make a swap a no-op.
    const order = siblings.map((s) => s.id);
    [order[at], order[order.indexOf(other.id)]] = [other.id, m.id];
    for (const [i, sid] of order.entries()) {
      const sibling = siblings.find((s) => s.id === sid)!;
      if (sibling.sortOrder === i + 1) continue;
      // The moved milestone must still be at the version the person saw: a move read after a
      // simultaneous one committed would otherwise move it a second time.
      const version = sid === m.id ? input.version : sibling.version;
      const updated = await tx.milestone.updateMany({ where: { id: sid, version }, data: { sortOrder: i + 1, version: { increment: 1 } } });
      if (updated.count !== 1) throw lostRace('milestone list');
      await recordAudit(tx, actor, { entityType: 'Milestone', entityId: sid, action: 'milestone.reordered', partnershipId: m.partnershipId, before: { sortOrder: sibling.sortOrder }, after: { sortOrder: i + 1 } });
    }
    return { title: m.title, moved: true };
  });
}

/**
 * Applies one change to several milestones: all or nothing. Each row is checked against the
 * version the person saw; one stale or invalid row refuses the whole batch. One audit row each.
 */
export async function bulkUpdateMilestones(actor: Actor, input: z.infer<typeof bulkMilestoneSchema>) {
  const { items, ...change } = input;
  // Rows are locked in one order (by id) whatever order they were selected in, so two bulk
  // updates over the same milestones queue instead of deadlocking.
  const ordered = [...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return db.$transaction(async (tx) => {
    for (const item of ordered) await updateMilestone(actor, item.id, { version: item.version, ...change }, tx);
    return { count: items.length };
  }, { timeout: 60_000 });
}

/** Deletes a milestone softly, so it can be restored (undo). Rollouts it gated stop waiting on it. */
export async function deleteMilestone(actor: Actor, input: { id: string; version: number }) {
  return db.$transaction(async (tx) => {
    const m = await tx.milestone.findUnique({ where: { id: input.id, deletedAt: null }, include: MILESTONE_INCLUDE });
    if (!m) throw new NotFoundError('No milestone with that id (it may already be deleted).');
    await assertVersion(tx, { type: 'Milestone', id: m.id, noun: 'milestone', version: m.version }, input.version, () => toMilestoneDto(m));
    const now = new Date();
    const updated = await tx.milestone.updateMany({ where: { id: m.id, version: input.version }, data: { deletedAt: now, version: { increment: 1 } } });
    if (updated.count !== 1) throw lostRace('milestone');
    await recordAudit(tx, actor, { entityType: 'Milestone', entityId: m.id, action: 'milestone.deleted', partnershipId: m.partnershipId, before: { deletedAt: null }, after: { deletedAt: now.toISOString() } });
    return { id: m.id, title: m.title, version: input.version + 1 };
  });
}

/** Undoes a delete. Its dependencies come back too, unless that would now close a cycle. */
export async function restoreMilestone(actor: Actor, input: { id: string }) {
  return db.$transaction(async (tx) => {
    const m = await tx.milestone.findUnique({
      where: { id: input.id },
      include: { dependsOn: { select: { dependsOnId: true } }, dependents: { where: { milestone: { deletedAt: null } }, select: { milestoneId: true } } },
    });
    if (!m || !m.deletedAt) throw new NotFoundError('No deleted milestone with that id.');
    // The active graph, plus the edges that restoring brings back into the restored milestone.
    const edges = await tx.milestoneDependency.findMany({
      where: { milestone: { partnershipId: m.partnershipId, deletedAt: null }, dependsOn: { deletedAt: null } },
      select: { milestoneId: true, dependsOnId: true },
    });
    const graph = new Map<string, string[]>();
    for (const e of [...edges, ...m.dependents.map((d) => ({ milestoneId: d.milestoneId, dependsOnId: m.id }))]) {
      graph.set(e.milestoneId, [...(graph.get(e.milestoneId) ?? []), e.dependsOnId]);
    }
    if (createsCycle(m.id, m.dependsOn.map((d) => d.dependsOnId), graph)) {
      throw new ValidationError('Restoring it would make milestones depend on each other in a circle. Change the dependencies first.');
    }
    // Only if it is still deleted: two undos at the same moment restore it once.
    const restored = await tx.milestone.updateMany({ where: { id: m.id, deletedAt: { not: null } }, data: { deletedAt: null, version: { increment: 1 } } });
    if (restored.count !== 1) throw lostRace('milestone');
    await recordAudit(tx, actor, { entityType: 'Milestone', entityId: m.id, action: 'milestone.restored', partnershipId: m.partnershipId, before: { deletedAt: m.deletedAt.toISOString() }, after: { deletedAt: null } });
    return { id: m.id, title: m.title };
  });
}

export async function findDeletedMilestones(slug: string) {
  const rows = await db.milestone.findMany({
    where: { partnership: { slug }, deletedAt: { not: null } },
    orderBy: { deletedAt: 'desc' },
    take: 20,
    select: { id: true, title: true, deletedAt: true },
  });
  return rows.map((r) => ({ id: r.id, title: r.title, deletedAt: r.deletedAt!.toISOString() }));
}
