import 'server-only';
import { dateToDay, dayToDate } from '@/lib/dates';
import type { UpdateMilestoneInput } from '@/lib/schemas/milestones';
import { changedFields, recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { createsCycle } from '@/lib/rules/dependencies';
import { assertVersion, lostRace } from '@/server/concurrency';
import { NotFoundError, ValidationError } from '@/server/errors';
import { MILESTONE_INCLUDE, toMilestoneDto, type MilestoneDto } from './queries';

/**
 * Updates a milestone if nobody changed it since `version`. BLOCKED needs a reason; DONE records
 * when; leaving BLOCKED or DONE clears the reason or completion time. One audit row per change.
 */
export async function updateMilestone(actor: Actor, id: string, input: UpdateMilestoneInput, within?: Tx): Promise<MilestoneDto> {
  // `within`: the caller's transaction (a bulk update applies many edits all or nothing).
  const run = (body: (tx: Tx) => Promise<MilestoneDto>) => (within ? body(within) : db.$transaction(body));
  return run(async (tx) => {
    const current = await tx.milestone.findUnique({ where: { id, deletedAt: null }, include: MILESTONE_INCLUDE });
    if (!current) throw new NotFoundError('No milestone with that id.');
    await assertVersion(tx, { type: 'Milestone', id, noun: 'milestone', version: current.version }, input.version, () => toMilestoneDto(current));
    const status = input.status ?? current.status;
    const blockedReason = status === 'BLOCKED' ? (input.blockedReason ?? current.blockedReason) : null;
    if (status === 'BLOCKED' && !blockedReason) {
      throw new ValidationError('Say why the milestone is blocked.', { blockedReason: ['A blocked milestone needs a reason.'] });
    }
    if (input.ownerId) {
      const owner = await tx.user.findUnique({ where: { id: input.ownerId }, select: { deactivatedAt: true } });
      if (!owner || owner.deactivatedAt) throw new ValidationError('Choose an active person as owner.', { ownerId: ['Unknown or deactivated person.'] });
    }
    if (input.title !== undefined && input.title !== current.title) await checkTitleFree(tx, current.partnershipId, input.title, id);
    const depsBefore = (await tx.milestoneDependency.findMany({ where: { milestoneId: id, dependsOn: { deletedAt: null } }, select: { dependsOnId: true } })).map((d) => d.dependsOnId).sort();
    const depsAfter = input.dependsOnIds ? [...new Set(input.dependsOnIds)].sort() : depsBefore;
    if (input.dependsOnIds) await checkDependencies(tx, current.partnershipId, id, depsAfter);
    const completedAt = status === 'DONE' ? (current.completedAt ?? new Date()) : null;
    const next = {
      title: input.title ?? current.title,
      status,
      dueOn: input.dueOn === undefined ? current.dueOn : input.dueOn === null ? null : dayToDate(input.dueOn),
      ownerId: input.ownerId === undefined ? current.ownerId : input.ownerId,
      blockedReason,
      completedAt,
    };
    const plain = (m: typeof next) => ({
      ...m, dueOn: m.dueOn ? dateToDay(m.dueOn) : null, completedAt: m.completedAt?.toISOString() ?? null,
    });
    const diff = changedFields({ ...plain(current), dependsOn: depsBefore }, { ...plain(next), dependsOn: depsAfter });
    if (!diff.changed) return toMilestoneDto(current);
    if (JSON.stringify(depsBefore) !== JSON.stringify(depsAfter)) {
      await tx.milestoneDependency.deleteMany({ where: { milestoneId: id } });
      await tx.milestoneDependency.createMany({ data: depsAfter.map((dependsOnId) => ({ milestoneId: id, dependsOnId })) });
    }
    const updated = await tx.milestone.updateMany({ where: { id, version: input.version }, data: { ...next, version: { increment: 1 } } });
    if (updated.count !== 1) throw lostRace('milestone');
    await recordAudit(tx, actor, { entityType: 'Milestone', entityId: id, action: 'milestone.updated', partnershipId: current.partnershipId, before: diff.before, after: diff.after });
    const fresh = await tx.milestone.findUniqueOrThrow({ where: { id }, include: MILESTONE_INCLUDE });
    return toMilestoneDto(fresh);
  });
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/** Dependencies must be milestones of the same partnership and must not form a cycle. */
export async function checkDependencies(tx: Tx, partnershipId: string, milestoneId: string | null, dependsOnIds: string[]) {
  if (!dependsOnIds.length) return;
  const siblings = await tx.milestone.findMany({ where: { partnershipId, deletedAt: null }, select: { id: true, title: true, dependsOn: { select: { dependsOnId: true } } } });
  const known = new Map(siblings.map((m) => [m.id, m]));
  const unknown = dependsOnIds.filter((d) => !known.has(d));
  if (unknown.length) throw new ValidationError('A milestone can only depend on milestones of the same partnership.', { dependsOnIds: ['Unknown milestone.'] });
  if (milestoneId && createsCycle(milestoneId, dependsOnIds, new Map(siblings.map((m) => [m.id, m.dependsOn.map((d) => d.dependsOnId)])))) {
    throw new ValidationError('That would make milestones depend on each other in a circle.', {
      dependsOnIds: ['A milestone cannot (even indirectly) depend on itself.'],
    });
  }
}

/**
 * Two live milestones of one deal never share a title: a second click on "Add milestone" or a
 * rename onto an existing name is refused instead of making a look-alike row (issue 13).
 */
export async function checkTitleFree(tx: Tx, partnershipId: string, title: string, exceptId: string | null) {
  const clash = await tx.milestone.findFirst({
    where: { partnershipId, deletedAt: null, title: { equals: title, mode: 'insensitive' }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  });
  if (clash) throw new ValidationError(`This deal already has a milestone called "${title}".`, { title: ['Choose a title no other milestone of this deal has.'] });
}
