import 'server-only';
import { dateToDay, dayToDate, todayIn } from '@/lib/dates';
import { CHECKPOINT_STATUS_LABELS } from '@/lib/domain';
import { DECIDED_STATUSES } from '@/lib/rules/checkpoints';
import { canMove, CHECKPOINT_TRANSITIONS } from '@/lib/rules/transitions';
import type { UpdateCheckpointInput } from '@/lib/schemas/checkpoints';
import { changedFields, recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { NotFoundError, ValidationError } from '@/server/errors';
import { reflagRollouts } from '@/server/rollouts/flags';
import { toCheckpointDto, type CheckpointDto } from './queries';

const date = (v: string | null | undefined, fallback: Date | null) => (v === undefined ? fallback : v === null ? null : dayToDate(v));

/**
 * Updates a regulatory checkpoint. Status moves only along CHECKPOINT_TRANSITIONS; a decision
 * records its date (today unless given) and, with conditions, the conditions. A rejection flags
 * every launched region it gates, in the same transaction (docs/decisions/004-gating.md).
 */
export async function updateCheckpoint(actor: Actor, id: string, input: UpdateCheckpointInput): Promise<CheckpointDto> {
  const today = todayIn('UTC');
  return db.$transaction(async (tx) => {
    const current = await tx.regulatoryCheckpoint.findUnique({ where: { id } });
    if (!current) throw new NotFoundError('No checkpoint with that id.');
    await assertVersion(tx, { type: 'RegulatoryCheckpoint', id, noun: 'checkpoint', version: current.version }, input.version, () => toCheckpointDto(current));
    const status = input.status ?? current.status;
    if (!canMove(CHECKPOINT_TRANSITIONS, current.status, status)) {
      const allowed = CHECKPOINT_TRANSITIONS[current.status].map((s) => CHECKPOINT_STATUS_LABELS[s]).join(', ');
      throw new ValidationError(`A checkpoint cannot go from ${CHECKPOINT_STATUS_LABELS[current.status]} to ${CHECKPOINT_STATUS_LABELS[status]}.`, {
        status: [`From ${CHECKPOINT_STATUS_LABELS[current.status]} it can move to: ${allowed}.`],
      });
    }
    const moved = status !== current.status;
    const decided = DECIDED_STATUSES.includes(status);
    let decidedOn = date(input.decidedOn, current.decidedOn);
    let conditions = input.conditions === undefined ? current.conditions : input.conditions;
    let filedOn = date(input.filedOn, current.filedOn);
    if (moved && decided) decidedOn = date(input.decidedOn, null) ?? dayToDate(today);
    if (moved && !decided) {
      decidedOn = null;
      conditions = null;
    }
    if (moved && status === 'FILED' && !filedOn) filedOn = dayToDate(today);
    if (status === 'APPROVED_WITH_CONDITIONS' && !conditions) {
      throw new ValidationError('Record the conditions of the approval.', { conditions: ['Approved with conditions needs the conditions.'] });
    }
    if (filedOn && decidedOn && decidedOn < filedOn) {
      throw new ValidationError('A decision cannot come before the filing.', { decidedOn: ['Must be on or after the filing date.'] });
    }
    const next = {
      status, regulator: input.regulator ?? current.regulator, requirement: input.requirement ?? current.requirement, risk: input.risk ?? current.risk,
      filedOn, decisionDueOn: date(input.decisionDueOn, current.decisionDueOn), decidedOn, conditions,
      evidenceExpiresOn: date(input.evidenceExpiresOn, current.evidenceExpiresOn), notes: input.notes ?? current.notes,
      sharedWithPartners: input.sharedWithPartners ?? current.sharedWithPartners,
    };
    const plain = (c: typeof next) => Object.fromEntries(Object.entries(c).map(([k, v]) => [k, v instanceof Date ? dateToDay(v) : v]));
    const diff = changedFields(plain({ ...current }), plain(next));
    if (!diff.changed) return toCheckpointDto(current, today);
    const updated = await tx.regulatoryCheckpoint.updateMany({ where: { id, version: input.version }, data: { ...next, version: { increment: 1 } } });
    if (updated.count !== 1) throw lostRace('checkpoint');
    await recordAudit(tx, actor, { entityType: 'RegulatoryCheckpoint', entityId: id, action: 'checkpoint.updated', partnershipId: current.partnershipId, before: diff.before, after: diff.after });
    await reflagRollouts(tx, actor, id, today);
    return toCheckpointDto(await tx.regulatoryCheckpoint.findUniqueOrThrow({ where: { id } }), today);
  });
}
