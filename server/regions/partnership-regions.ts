import 'server-only';
import { dateToDay, dayToDate, todayIn } from '@/lib/dates';
import { ROLLOUT_STATUS_LABELS } from '@/lib/domain';
import type { AddPartnershipRegionInput } from '@/lib/schemas/regions';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { assertVersion } from '@/server/concurrency';
import { db } from '@/server/db';
import { ConflictError, NotFoundError, ValidationError } from '@/server/errors';
import { ROLLOUT_INCLUDE, toRolloutDto, type RolloutDto } from '@/server/rollouts/queries';

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';
const alreadyOn = (name: string) => new ConflictError(`${name} is already a region of this partnership.`);

/** Adds a catalogue region to a partnership: its rollout starts PLANNED. One audit row. */
export async function addPartnershipRegion(actor: Actor, slug: string, input: AddPartnershipRegionInput): Promise<RolloutDto> {
  try {
    return await db.$transaction(async (tx) => {
      const p = await tx.partnership.findUnique({ where: { slug }, select: { id: true } });
      if (!p) throw new NotFoundError(`No partnership "${slug}".`);
      const region = await tx.region.findUnique({ where: { code: input.region }, select: { id: true, name: true } });
      if (!region) throw new ValidationError(`No region ${input.region} in the catalogue.`, { region: [`No region ${input.region} in the catalogue; an administrator adds regions under Regions.`] });
      if (await tx.rollout.findUnique({ where: { partnershipId_regionId: { partnershipId: p.id, regionId: region.id } }, select: { id: true } })) throw alreadyOn(region.name);
      const rollout = await tx.rollout.create({
        data: { partnershipId: p.id, regionId: region.id, status: 'PLANNED', plannedLaunchOn: input.plannedLaunchOn ? dayToDate(input.plannedLaunchOn) : null },
        include: ROLLOUT_INCLUDE,
      });
      await recordAudit(tx, actor, {
        entityType: 'Rollout', entityId: rollout.id, action: 'rollout.created', partnershipId: p.id,
        after: { region: input.region, status: 'PLANNED', plannedLaunchOn: input.plannedLaunchOn ?? null },
      });
      return toRolloutDto(rollout, todayIn('UTC'));
    });
  } catch (error) {
    // Two people adding the same region at the same moment: the (partnership, region) index refuses one.
    if (isUniqueViolation(error)) throw alreadyOn(input.region);
    throw error;
  }
}

/**
 * Removes a region from a partnership, with its rollout and the rollout's gates (cascade). Only
 * while the partnership has no metric values and no targets there: those are history, so such a
 * region is withdrawn instead (rollout status Withdrawn), never removed.
 */
export async function removePartnershipRegion(actor: Actor, slug: string, input: { region: string; version?: number }): Promise<{ region: string; regionName: string }> {
  return db.$transaction(async (tx) => {
    const p = await tx.partnership.findUnique({ where: { slug }, select: { id: true } });
    if (!p) throw new NotFoundError(`No partnership "${slug}".`);
    const region = await tx.region.findUnique({ where: { code: input.region }, select: { id: true, name: true } });
    const rollout = region
      ? await tx.rollout.findUnique({ where: { partnershipId_regionId: { partnershipId: p.id, regionId: region.id } }, include: { ...ROLLOUT_INCLUDE } })
      : null;
    if (!region || !rollout) throw new NotFoundError(`${region?.name ?? input.region} is not a region of this partnership.`);
    if (input.version !== undefined) {
      await assertVersion(tx, { type: 'Rollout', id: rollout.id, noun: 'rollout', version: rollout.version }, input.version, () => toRolloutDto(rollout));
    }
    // Inserting a metric value takes a key-share lock on its region row; holding the row for update
    // makes an import that is adding this region's first values wait, and the count below see them.
    await tx.$executeRaw`SELECT id FROM regions WHERE id = ${region.id} FOR UPDATE`;
    const where = { partnershipId: p.id, regionId: region.id };
    const values = await tx.metricValue.count({ where });
    const targets = await tx.metricTarget.count({ where });
    if (values + targets > 0) {
      const what = [values ? `${values} metric value${values === 1 ? '' : 's'}` : '', targets ? `${targets} target${targets === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
      const withdraw = rollout.status === 'WITHDRAWN' ? 'It is already withdrawn, which keeps its history.' : `Withdraw it instead (rollout status ${ROLLOUT_STATUS_LABELS.WITHDRAWN}): its history stays.`;
      throw new ConflictError(`${region.name} has ${what} for this partnership, so it cannot be removed. ${withdraw}`);
    }
    await tx.rollout.delete({ where: { id: rollout.id } });
    await recordAudit(tx, actor, {
      entityType: 'Rollout', entityId: rollout.id, action: 'rollout.deleted', partnershipId: p.id,
      before: {
        region: input.region, status: rollout.status, plannedLaunchOn: rollout.plannedLaunchOn ? dateToDay(rollout.plannedLaunchOn) : null,
        gates: rollout.gateCheckpoints.length + rollout.gateMilestones.length,
      },
    });
    return { region: input.region, regionName: region.name };
  });
}
