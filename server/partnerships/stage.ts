import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { dateToDay, dayToDate, todayIn } from '@/lib/dates';
import { STAGE_LABELS } from '@/lib/domain';
import { SIGNED_STAGES, stageMoveProblems } from '@/lib/rules/stages';
import { moveStageSchema, type MoveStageInput } from '@/lib/schemas/partnerships';
import type { ApprovalRequested } from '@/server/approvals/queries';
import { needsApproval, requestApproval } from '@/server/approvals/request';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { NotFoundError, ValidationError } from '@/server/errors';
import { withoutHiddenFields } from '@/server/access/fields';
import { hiddenFieldsFor, RECORD_INCLUDE, toRecordDto, type PartnershipRecord } from './record';

type Tx = Prisma.TransactionClient;
type Row = Prisma.PartnershipGetPayload<{ include: typeof RECORD_INCLUDE }>;
/** A move without the version it was based on: what an approval request stores. */
export type StageMove = Omit<MoveStageInput, 'version'>;

/**
 * Moves a partnership along the stage graph (lib/rules/stages.ts): the board, the stage form and
 * POST /api/v1/partnerships/{slug}/stage all call this. Signed needs the signing date; On hold,
 * Ended, back-moves and resuming need a reason. Each move is a stage-history row and an audit row.
 * `movedOn` records a move after the fact: not before the previous move, not in the future.
 *
 * Signing needs four eyes (issue 17): when a person asks for Signed, the move is checked as it
 * would be made now and an approval request is created instead; the move runs on approval
 * (applyApprovedSigning).
 */
export async function movePartnershipStage(actor: Actor, slug: string, input: MoveStageInput): Promise<PartnershipRecord | ApprovalRequested> {
  // A 409 shows the record without the fields confidential to this actor (issue 17, item 5); read
  // before the transaction, which holds the embedded database's one connection.
  const found = await db.partnership.findUnique({ where: { slug }, select: { id: true } });
  const hidden = found ? await hiddenFieldsFor(actor, found.id) : [];
  return db.$transaction(async (tx) => {
    const row = await tx.partnership.findUnique({ where: { slug }, include: RECORD_INCLUDE });
    if (!row) throw new NotFoundError(`No partnership "${slug}".`);
    await assertVersion(tx, { type: 'Partnership', id: row.id, noun: 'partnership', version: row.version }, input.version, () => withoutHiddenFields(toRecordDto(row), hidden), hidden);
    const { version: _version, ...move } = input;
    const plan = planStageMove(row, move);
    if (move.to === 'SIGNED' && needsApproval(actor)) {
      return requestApproval(tx, actor, {
        kind: 'PARTNERSHIP_SIGNED', partnershipId: row.id, names: { partnership: row.name },
        input: move, shows: { stage: 'SIGNED', ...(move.signedOn ? { signedOn: move.signedOn } : {}) }, note: move.reason,
      });
    }
    return writeStageMove(tx, actor, row, plan);
  });
}

/**
 * The approved signing, inside the approval's transaction: the requester's move, checked again
 * against the deal as it is now (planStageMove: the one rule). A refusal throws and rolls the
 * approval back with it. The audit row and the stage history are the approver's; the audit row
 * names the request and who asked.
 */
export async function applyApprovedSigning(tx: Tx, approver: Actor, partnershipId: string, stored: unknown, context: Record<string, unknown>): Promise<PartnershipRecord> {
  const row = await tx.partnership.findUnique({ where: { id: partnershipId }, include: RECORD_INCLUDE });
  if (!row) throw new NotFoundError('The partnership of this request no longer exists.');
  const parsed = moveStageSchema.omit({ version: true }).safeParse(stored);
  if (!parsed.success || parsed.data.to !== 'SIGNED') throw new ValidationError('The request no longer reads as a signing; reject it and ask again.');
  return writeStageMove(tx, approver, row, planStageMove(row, parsed.data), context);
}

type Plan = ReturnType<typeof planStageMove>;

/** What a move would write, after every check of the graph, the reason and the dates; throws the refusal (422) otherwise. */
function planStageMove(row: Row, input: StageMove) {
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
  return { input, now, changedAt, reason, signedOn, closedOn };
}

/** The version-guarded write of a planned move: the record, a stage-history row, the audit row. */
async function writeStageMove(tx: Tx, actor: Actor, row: Row, plan: Plan, context?: Record<string, unknown>): Promise<PartnershipRecord> {
  const { input, now, changedAt, reason, signedOn, closedOn } = plan;
  const updated = await tx.partnership.updateMany({
    where: { id: row.id, version: row.version },
    data: { stage: input.to, stageChangedAt: changedAt, signedOn, closedOn, version: { increment: 1 } },
  });
  if (updated.count !== 1) throw lostRace('partnership');
  await tx.stageChange.create({ data: { partnershipId: row.id, fromStage: row.stage, toStage: input.to, changedAt, actorId: actor.userId, actorLabel: actor.label, reason } });
  await recordAudit(tx, actor, {
    entityType: 'Partnership', entityId: row.id, action: 'partnership.stage_moved', partnershipId: row.id,
    before: { stage: row.stage }, after: { stage: input.to, ...(signedOn ? { signedOn: input.signedOn } : {}) },
    context: { reason, ...(changedAt !== now ? { movedOn: input.movedOn } : {}), ...context },
  });
  return toRecordDto(await tx.partnership.findUniqueOrThrow({ where: { id: row.id }, include: RECORD_INCLUDE }));
}

export function describeStageMove(r: PartnershipRecord): string {
  return `${r.name} is now ${STAGE_LABELS[r.stage]}.`;
}
