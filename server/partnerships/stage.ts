import 'server-only';
import { dateToDay, dayToDate, todayIn } from '@/lib/dates';
import { STAGE_LABELS } from '@/lib/domain';
import { SIGNED_STAGES, stageMoveProblems } from '@/lib/rules/stages';
import type { MoveStageInput } from '@/lib/schemas/partnerships';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { NotFoundError, ValidationError } from '@/server/errors';
import { RECORD_INCLUDE, toRecordDto, type PartnershipRecord } from './record';

/**
 * Moves a partnership along the stage graph (lib/rules/stages.ts): the board, the stage form and
 * POST /api/v1/partnerships/{slug}/stage all call this. Signed needs the signing date; On hold,
 * Ended, back-moves and resuming need a reason. Each move is a stage-history row and an audit row.
 * `movedOn` records a move after the fact: not before the previous move, not in the future.
 */
export async function movePartnershipStage(actor: Actor, slug: string, input: MoveStageInput): Promise<PartnershipRecord> {
  return db.$transaction(async (tx) => {
    const row = await tx.partnership.findUnique({ where: { slug }, include: RECORD_INCLUDE });
    if (!row) throw new NotFoundError(`No partnership "${slug}".`);
    await assertVersion(tx, { type: 'Partnership', id: row.id, noun: 'partnership', version: row.version }, input.version, () => toRecordDto(row));
    // The stage a deal on hold left: resuming may go back to it or earlier, not past it.
    const previousOpenStage = row.stage === 'ON_HOLD' ? (row.stageChanges.find((c) => c.toStage === 'ON_HOLD')?.fromStage ?? null) : null;
    const problems = stageMoveProblems({ from: row.stage, to: input.to, reason: input.reason, signedOn: input.signedOn, hasSignedOn: row.signedOn !== null, previousOpenStage });
    const now = new Date();
    const today = todayIn('UTC', now);
    const changedAt = input.movedOn && input.movedOn !== today ? dayToDate(input.movedOn) : now;
    if (input.movedOn && input.movedOn > today) problems.movedOn = 'A stage move cannot be dated in the future.';
    else if (changedAt < row.stageChangedAt) problems.movedOn = `The previous move was on ${dateToDay(row.stageChangedAt)}; date this one on or after it.`;
    if (input.signedOn && input.signedOn < dateToDay(row.openedOn)) problems.signedOn = 'The signing date cannot be before the partnership was opened.';
    if (input.signedOn && input.signedOn > today) problems.signedOn = 'The signing date cannot be in the future.';
    if (Object.keys(problems).length) {
      const first = Object.values(problems)[0]!;
      throw new ValidationError(first, Object.fromEntries(Object.entries(problems).map(([k, v]) => [k, [v]])));
    }
    const reason = input.reason?.trim() || null;
    // Signed records the date; so does resuming into Integrating/Launched when none was recorded
    // (stageMoveProblems asks for it then, so it must not be dropped).
    const recordsSigning = input.to === 'SIGNED' || (SIGNED_STAGES.includes(input.to) && row.signedOn === null);
    const signedOn = recordsSigning && input.signedOn ? dayToDate(input.signedOn) : undefined;
    const closedOn = input.to === 'ENDED' ? dayToDate(dateToDay(changedAt)) : row.stage === 'ENDED' ? null : undefined;
    const updated = await tx.partnership.updateMany({
      where: { id: row.id, version: input.version },
      data: { stage: input.to, stageChangedAt: changedAt, signedOn, closedOn, version: { increment: 1 } },
    });
    if (updated.count !== 1) throw lostRace('partnership');
    await tx.stageChange.create({ data: { partnershipId: row.id, fromStage: row.stage, toStage: input.to, changedAt, actorId: actor.userId, actorLabel: actor.label, reason } });
    await recordAudit(tx, actor, {
      entityType: 'Partnership', entityId: row.id, action: 'partnership.stage_moved', partnershipId: row.id,
      before: { stage: row.stage }, after: { stage: input.to, ...(signedOn ? { signedOn: input.signedOn } : {}) },
      context: { reason, ...(changedAt !== now ? { movedOn: input.movedOn } : {}) },
    });
    return toRecordDto(await tx.partnership.findUniqueOrThrow({ where: { id: row.id }, include: RECORD_INCLUDE }));
  });
}

export function describeStageMove(r: PartnershipRecord): string {
  return `${r.name} is now ${STAGE_LABELS[r.stage]}.`;
}
