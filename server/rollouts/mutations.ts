import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { dateToDay, dayToDate, todayIn, type IsoDay } from '@/lib/dates';
import { ROLLOUT_STATUS_LABELS } from '@/lib/domain';
import { launchDateProblem } from '@/lib/rules/rollouts';
import { canMove, LAUNCH_STATUSES, ROLLOUT_TRANSITIONS } from '@/lib/rules/transitions';
import { updateRolloutSchema, type UpdateRolloutInput } from '@/lib/schemas/rollouts';
import type { ApprovalRequested } from '@/server/approvals/queries';
import { needsApproval, requestApproval } from '@/server/approvals/request';
import { changedFields, recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { GatingError, NotFoundError, ValidationError } from '@/server/errors';
import { gatesOf, ROLLOUT_INCLUDE, toRolloutDto, type RolloutDto } from './queries';

type Tx = Prisma.TransactionClient;
type Row = Prisma.RolloutGetPayload<{ include: typeof ROLLOUT_INCLUDE }>;
/** A change without the version it was based on: what an approval request stores. */
export type RolloutChange = Omit<UpdateRolloutInput, 'version'>;

const date = (v: string | null | undefined, fallback: Date | null) => (v === undefined ? fallback : v === null ? null : dayToDate(v));

/**
 * Changes a region's rollout. Moving to PILOT or LIVE is refused while any gating checkpoint is
 * not approved (or its evidence expired) or any gating milestone is not done; the refusal names
 * each blocker. The gate is checked inside the transaction that writes the move.
 *
 * Going LIVE needs four eyes (issue 17): when a person asks for it, everything the move checks is
 * checked now (version, transition, gates, dates) and an approval request is created instead of
 * the move; the move itself runs when an executive approves (applyApprovedLaunch).
 */
export async function updateRollout(actor: Actor, id: string, input: UpdateRolloutInput): Promise<RolloutDto | ApprovalRequested> {
  const today = todayIn('UTC');
  return db.$transaction(async (tx) => {
    const current = await loadRollout(tx, id);
    await assertVersion(tx, { type: 'Rollout', id, noun: 'rollout', version: current.version }, input.version, () => toRolloutDto(current, today));
    const { version: _version, ...change } = input;
    const plan = planRolloutChange(current, change, today);
    if (!plan.diff.changed) return toRolloutDto(current, today);
    if (plan.goesLive && needsApproval(actor)) {
      return requestApproval(tx, actor, {
        kind: 'ROLLOUT_LIVE', partnershipId: current.partnershipId, rolloutId: id,
        names: { partnership: current.partnership.name, region: current.region.name },
        input: change, shows: { region: current.region.name, status: 'LIVE', ...(change.actualLaunchOn ? { actualLaunchOn: change.actualLaunchOn } : {}) },
        note: change.notes !== undefined && change.notes !== current.notes ? change.notes : null,
      });
    }
    return writeRolloutChange(tx, actor, current, plan, today);
  });
}

/**
 * The approved launch, inside the approval's transaction: the change the requester asked for,
 * checked again against the rollout as it is now (transition, gates, dates: the rule is the one
 * of updateRollout, written once in planRolloutChange). A refusal throws and rolls the approval
 * back with it. The audit row is the approver's, and names the request and who asked.
 */
export async function applyApprovedLaunch(tx: Tx, approver: Actor, rolloutId: string, stored: unknown, context: Record<string, unknown>): Promise<RolloutDto> {
  const today = todayIn('UTC');
  const current = await loadRollout(tx, rolloutId);
  const parsed = updateRolloutSchema.omit({ version: true }).safeParse(stored);
  if (!parsed.success) throw new ValidationError('The request no longer reads as a rollout change; reject it and ask again.');
  const plan = planRolloutChange(current, { ...parsed.data, status: 'LIVE' }, today);
  if (!plan.goesLive) throw new ValidationError(`${current.region.name} is already ${ROLLOUT_STATUS_LABELS[current.status].toLowerCase()}: there is no launch left to approve. Reject or withdraw the request.`);
  return writeRolloutChange(tx, approver, current, plan, today, context);
}

async function loadRollout(tx: Tx, id: string) {
  const current = await tx.rollout.findUnique({ where: { id }, include: { ...ROLLOUT_INCLUDE, partnership: { select: { name: true } } } });
  if (!current) throw new NotFoundError('No rollout with that id.');
  return current;
}

type Plan = ReturnType<typeof planRolloutChange>;

/** What a change would write, after every check the move makes; throws the refusal (422) otherwise. */
function planRolloutChange(current: Row, input: RolloutChange, today: IsoDay) {
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
  return { next, diff, goesLive };
}

/** The version-guarded write of a planned change and its audit row. */
async function writeRolloutChange(tx: Tx, actor: Actor, current: Row, plan: Plan, today: IsoDay, context?: Record<string, unknown>): Promise<RolloutDto> {
  if (!plan.diff.changed) return toRolloutDto(current, today);
  const updated = await tx.rollout.updateMany({ where: { id: current.id, version: current.version }, data: { ...plan.next, version: { increment: 1 } } });
  if (updated.count !== 1) throw lostRace('rollout');
  await recordAudit(tx, actor, { entityType: 'Rollout', entityId: current.id, action: 'rollout.updated', partnershipId: current.partnershipId, before: plan.diff.before, after: plan.diff.after, context });
  return toRolloutDto(await tx.rollout.findUniqueOrThrow({ where: { id: current.id }, include: ROLLOUT_INCLUDE }), today);
}
