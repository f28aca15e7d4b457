import 'server-only';
import { dateToDay, dayToDate } from '@/lib/dates';
import type { UpdateMilestoneInput } from '@/lib/schemas/milestones';
import { changedFields, recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { createsCycle } from '@/lib/rules/dependencies';
import { assertVersion, lostRace } from '@/server/concurrency';
import { ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { isPartner, partnerEditableMilestoneWhere, visibleMilestoneWhere } from '@/server/access/scope';
import { toPartnerMilestone } from '@/server/partner-workspace/queries';
import { MILESTONE_INCLUDE, toMilestoneDto, type MilestoneDto } from './queries';

/**
 * Updates a milestone if nobody changed it since `version`. BLOCKED needs a reason; DONE records
 * when; leaving BLOCKED or DONE clears the reason or completion time. One audit row per change.
 */
export async function updateMilestone(actor: Actor, id: string, input: UpdateMilestoneInput, within?: Tx): Promise<MilestoneDto> {
  // `within`: the caller's transaction (a bulk update applies many edits all or nothing).
  const run = (body: (tx: Tx) => Promise<MilestoneDto>) => (within ? body(within) : db.$transaction(body));
  return run(async (tx) => {
    if (isPartner(actor)) await checkPartnerEdit(tx, actor, id, input);
    const current = await tx.milestone.findUnique({ where: { id, deletedAt: null }, include: MILESTONE_INCLUDE });
    if (!current) throw new NotFoundError('No milestone with that id.');
    // A partner's 409 carries the milestone as a partner reads it (no ids of what is not shared).
    const asSeen = () => (isPartner(actor) ? toPartnerMilestone(current, actor.organizationId ?? '') : toMilestoneDto(current));
    await assertVersion(tx, { type: 'Milestone', id, noun: 'milestone', version: current.version }, input.version, asSeen);
    const status = input.status ?? current.status;
    const blockedReason = status === 'BLOCKED' ? (input.blockedReason ?? current.blockedReason) : null;
    if (status === 'BLOCKED' && !blockedReason) {
      throw new ValidationError('Say why the milestone is blocked.', { blockedReason: ['A blocked milestone needs a reason.'] });
    }
    const ownerIsPartner = input.ownerId && input.ownerId !== current.ownerId ? await checkOwner(tx, current.partnershipId, input.ownerId) : false;
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
      // A milestone handed to someone of a partner organization is shared with them unless said otherwise.
      sharedWithPartners: ownerIsPartner ? true : (input.sharedWithPartners ?? current.sharedWithPartners),
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

/**
 * An owner must be an active person; someone of a partner organization only when that organization
 * is a party to the deal (issue 17). Returns whether the owner is a partner user.
 */
export async function checkOwner(tx: Tx, partnershipId: string, ownerId: string): Promise<boolean> {
  const owner = await tx.user.findUnique({ where: { id: ownerId }, select: { deactivatedAt: true, organizationId: true } });
  if (!owner || owner.deactivatedAt) throw new ValidationError('Choose an active person as owner.', { ownerId: ['Unknown or deactivated person.'] });
  if (!owner.organizationId) return false;
  const party = await tx.partnershipParty.count({ where: { partnershipId, organizationId: owner.organizationId } });
  if (!party) throw new ValidationError('That person belongs to an organization that is not a party to this deal.', { ownerId: ['Choose someone of this deal.'] });
  return true;
}

// What a partner may change on a milestone owned by their organization.
const PARTNER_FIELDS = new Set(['version', 'status', 'dueOn', 'blockedReason']);

/** Partners update only shared milestones owned by their organization, and only their progress. */
async function checkPartnerEdit(tx: Tx, actor: Actor, id: string, input: UpdateMilestoneInput) {
  if (!(await tx.milestone.count({ where: { id, deletedAt: null, ...visibleMilestoneWhere(actor) } }))) {
    throw new NotFoundError('No milestone with that id.');
  }
  if (!(await tx.milestone.count({ where: { id, deletedAt: null, ...partnerEditableMilestoneWhere(actor) } }))) {
    throw new ForbiddenError('Only milestones owned by someone of your organization can be updated from your account.');
  }
  const refused = Object.keys(input).filter((k) => !PARTNER_FIELDS.has(k) && input[k as keyof UpdateMilestoneInput] !== undefined);
  if (refused.length) {
    const message = 'From a partner account you can change the status, the due date and the reason it is blocked.';
    throw new ValidationError(message, Object.fromEntries(refused.map((k) => [k, [message]])));
  }
}

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
