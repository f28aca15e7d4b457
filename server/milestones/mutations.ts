import 'server-only';
import { dateToDay, dayToDate } from '@/lib/dates';
import type { UpdateMilestoneInput } from '@/lib/schemas/milestones';
import { changedFields, recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { assertVersion, lostRace } from '@/server/concurrency';
import { NotFoundError, ValidationError } from '@/server/errors';
import { toMilestoneDto, type MilestoneDto } from './queries';

/**
 * Updates a milestone if nobody changed it since `version`. BLOCKED needs a reason; DONE records
 * when; leaving BLOCKED or DONE clears the reason or completion time. One audit row per change.
 */
export async function updateMilestone(actor: Actor, id: string, input: UpdateMilestoneInput): Promise<MilestoneDto> {
  return db.$transaction(async (tx) => {
    const current = await tx.milestone.findUnique({ where: { id }, include: { owner: { select: { name: true } } } });
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
    const diff = changedFields(plain(current), plain(next));
    if (!diff.changed) return toMilestoneDto(current);
    const updated = await tx.milestone.updateMany({ where: { id, version: input.version }, data: { ...next, version: { increment: 1 } } });
    if (updated.count !== 1) throw lostRace('milestone');
    await recordAudit(tx, actor, { entityType: 'Milestone', entityId: id, action: 'milestone.updated', partnershipId: current.partnershipId, before: diff.before, after: diff.after });
    const fresh = await tx.milestone.findUniqueOrThrow({ where: { id }, include: { owner: { select: { name: true } } } });
    return toMilestoneDto(fresh);
  });
}
