import 'server-only';
import { dateToDay, dayToDate, todayIn } from '@/lib/dates';
import { ROLLOUT_STATUS_LABELS } from '@/lib/domain';
import { canMove, LAUNCH_STATUSES, ROLLOUT_TRANSITIONS } from '@/lib/rules/transitions';
import type { UpdateRolloutInput } from '@/lib/schemas/rollouts';
import { changedFields, recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { GatingError, NotFoundError, ValidationError } from '@/server/errors';
import { gatesOf, ROLLOUT_INCLUDE, toRolloutDto, type RolloutDto } from './queries';

const date = (v: string | null | undefined, fallback: Date | null) => (v === undefined ? fallback : v === null ? null : dayToDate(v));

/**
 * Changes a region's rollout. Moving to PILOT or LIVE is refused while any gating checkpoint is
 * not approved (or its evidence expired) or any gating milestone is not done; the refusal names
 * each blocker. The gate is checked inside the transaction that writes the move.
 */
export async function updateRollout(actor: Actor, id: string, input: UpdateRolloutInput): Promise<RolloutDto> {
  const today = todayIn('UTC');
  return db.$transaction(async (tx) => {
    const current = await tx.rollout.findUnique({ where: { id }, include: ROLLOUT_INCLUDE });
    if (!current) throw new NotFoundError('No rollout with that id.');
    await assertVersion(tx, { type: 'Rollout', id, noun: 'rollout', version: current.version }, input.version, () => toRolloutDto(current, today));
    const status = input.status ?? current.status;
    if (!canMove(ROLLOUT_TRANSITIONS, current.status, status)) {
      const allowed = ROLLOUT_TRANSITIONS[current.status].map((s) => ROLLOUT_STATUS_LABELS[s]).join(', ');
      throw new ValidationError(`A rollout cannot go from ${ROLLOUT_STATUS_LABELS[current.status]} to ${ROLLOUT_STATUS_LABELS[status]}.`, {
        status: [`From ${ROLLOUT_STATUS_LABELS[current.status]} it can move to: ${allowed}.`],
      });
    }
    const moved = status !== current.status;
    if (moved && LAUNCH_STATUSES.includes(status)) {
      const blockers = gatesOf(current, today);
      if (blockers.length) {
        const step = status === 'LIVE' ? 'go live' : 'start a pilot';
        throw new GatingError(`${current.region.name} cannot ${step} yet. Blocked by: ${blockers.map((b) => `${b.name} (${b.reason})`).join('; ')}.`, blockers);
      }
    }
    const next = {
      status,
      plannedPilotOn: date(input.plannedPilotOn, current.plannedPilotOn),
      plannedLaunchOn: date(input.plannedLaunchOn, current.plannedLaunchOn),
      actualPilotOn: moved && status === 'PILOT' ? (current.actualPilotOn ?? dayToDate(today)) : current.actualPilotOn,
      actualLaunchOn: moved && status === 'LIVE' ? (current.actualLaunchOn ?? dayToDate(today)) : current.actualLaunchOn,
      flaggedReason: moved && LAUNCH_STATUSES.includes(status) ? null : current.flaggedReason,
      notes: input.notes ?? current.notes,
    };
    const plain = (r: typeof next) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? dateToDay(v) : v]));
    const diff = changedFields(plain({ ...current }), plain(next));
    if (!diff.changed) return toRolloutDto(current, today);
    const updated = await tx.rollout.updateMany({ where: { id, version: input.version }, data: { ...next, version: { increment: 1 } } });
    if (updated.count !== 1) throw lostRace('rollout');
    await recordAudit(tx, actor, { entityType: 'Rollout', entityId: id, action: 'rollout.updated', partnershipId: current.partnershipId, before: diff.before, after: diff.after });
    return toRolloutDto(await tx.rollout.findUniqueOrThrow({ where: { id }, include: ROLLOUT_INCLUDE }), today);
  });
}
