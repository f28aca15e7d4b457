import 'server-only';
import { dateToDay, dayToDate, todayIn } from '@/lib/dates';
import { ROLLOUT_STATUS_LABELS } from '@/lib/domain';
import { launchDateProblem } from '@/lib/rules/rollouts';
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
    // "Launched today" is the region's today: Tokyo's morning launch is still yesterday in UTC.
    const regionToday = [today, todayIn(current.region.timeZone)].sort().at(-1)!;
    const goesLive = moved && status === 'LIVE';
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
      // Going live records today unless the person gives the day (or one is already recorded).
      // An empty field while going live means "today", as it does when the field is not sent.
      actualLaunchOn: input.actualLaunchOn
        ? dayToDate(input.actualLaunchOn)
        : goesLive ? (current.actualLaunchOn ?? dayToDate(regionToday)) : input.actualLaunchOn === null ? null : current.actualLaunchOn,
      flaggedReason: moved && LAUNCH_STATUSES.includes(status) ? null : current.flaggedReason,
      notes: input.notes ?? current.notes,
    };
    const problem = launchDateProblem({ status, actualLaunchOn: next.actualLaunchOn && dateToDay(next.actualLaunchOn), actualPilotOn: next.actualPilotOn && dateToDay(next.actualPilotOn) }, regionToday);
    // Checked when the person sets or clears the date (a form re-sending the recorded day is no change).
    const touched = input.actualLaunchOn !== undefined && input.actualLaunchOn !== (current.actualLaunchOn && dateToDay(current.actualLaunchOn));
    if (problem && touched) throw new ValidationError(problem, { actualLaunchOn: [problem] });
    const plain = (r: typeof next) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v instanceof Date ? dateToDay(v) : v]));
    const diff = changedFields(plain({ ...current }), plain(next));
    if (!diff.changed) return toRolloutDto(current, today);
    const updated = await tx.rollout.updateMany({ where: { id, version: input.version }, data: { ...next, version: { increment: 1 } } });
    if (updated.count !== 1) throw lostRace('rollout');
    await recordAudit(tx, actor, { entityType: 'Rollout', entityId: id, action: 'rollout.updated', partnershipId: current.partnershipId, before: diff.before, after: diff.after });
    return toRolloutDto(await tx.rollout.findUniqueOrThrow({ where: { id }, include: ROLLOUT_INCLUDE }), today);
  });
}
