import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { APPROVAL_STATE_LABELS, approvalSubject, type ApprovalKind } from '@/lib/approvals';
import type { Permission } from '@/lib/permissions';
import type { ApproveInput, RejectInput, WithdrawInput } from '@/lib/schemas/approvals';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { authorize } from '@/server/auth/guard';
import { db } from '@/server/db';
import { ConflictError, ForbiddenError, GatingError, NotFoundError, ValidationError } from '@/server/errors';
import { notifyApprovalDecided, notifyApprovalRefused } from '@/server/notifications/approvals';
import { applyApprovedSigning } from '@/server/partnerships/stage';
import type { PartnershipRecord } from '@/server/partnerships/record';
import { applyApprovedLaunch } from '@/server/rollouts/mutations';
import type { RolloutDto } from '@/server/rollouts/queries';
import { loadApproval, type ApprovalDto } from './queries';

type Tx = Prisma.TransactionClient;

/** The permission that asks for each move; withdrawing one's request still needs it. */
export const REQUEST_PERMISSION: Record<ApprovalKind, Permission> = { ROLLOUT_LIVE: 'rollouts.update', PARTNERSHIP_SIGNED: 'partnerships.stage' };

export type ApprovalDecision = { approval: ApprovalDto; rollout?: RolloutDto; partnership?: PartnershipRecord };

/**
 * Approves a pending request and makes the move in the same transaction (issue 17, four eyes).
 * The requester cannot approve their own request, whatever their role. Of two approvers at the
 * same moment exactly one decides (the state-guarded UPDATE waits for the other's row lock and
 * then finds the request decided); the other gets 409 naming who decided. When the move is
 * refused now (a gate closed while the request waited), nothing is written and the request stays
 * pending: the refusal names the gate and says so.
 */
export async function approveRequest(actor: Actor, id: string, input: ApproveInput): Promise<ApprovalDecision> {
  try {
    return await db.$transaction(async (tx) => {
      const request = await decide(tx, actor, id, input.version, 'APPROVED', input.comment ?? null);
      const context = { requestedBy: request.requestedBy.email, approvedBy: actor.label };
      let moved: Omit<ApprovalDecision, 'approval'>;
      try {
        moved = request.kind === 'ROLLOUT_LIVE'
          ? { rollout: await applyApprovedLaunch(tx, actor, request.rolloutId!, request.input, context) }
          : { partnership: await applyApprovedSigning(tx, actor, request.partnershipId, request.input, context) };
      } catch (error) {
        throw new MoveRefused(error);
      }
      await audit(tx, actor, request, { action: 'approval.approved', state: 'APPROVED', comment: input.comment });
      const approval = await loadApproval(tx, id);
      await notifyApprovalDecided(tx, approval, request.partnershipId, actor);
      return { approval, ...moved };
    });
  } catch (error) {
    if (!(error instanceof MoveRefused)) throw error;
    // The approval rolled back as a whole; the requester still hears why the move was refused.
    if (error.refusal instanceof GatingError || error.refusal instanceof ValidationError) {
      await notifyApprovalRefused(db, id, actor, error.refusal.message).catch(() => 0); // the refusal is the answer: a lost notice must not hide it
    }
    throw stillPending(error.refusal);
  }
}

/** The move itself was refused inside the approval's transaction (carried out of it to tell the requester). */
class MoveRefused extends Error {
  constructor(readonly refusal: unknown) {
    super('The approved move was refused.');
  }
}

/** Rejects a pending request with a comment (required: the requester needs to know why). Nothing moves. */
export async function rejectRequest(actor: Actor, id: string, input: RejectInput): Promise<ApprovalDecision> {
  return db.$transaction(async (tx) => {
    const request = await decide(tx, actor, id, input.version, 'REJECTED', input.comment);
    await audit(tx, actor, request, { action: 'approval.rejected', state: 'REJECTED', comment: input.comment });
    const approval = await loadApproval(tx, id);
    await notifyApprovalDecided(tx, approval, request.partnershipId, actor);
    return { approval };
  });
}

/** The requester takes their pending request back (they must still be allowed to ask for the move). */
export async function withdrawRequest(actor: Actor, id: string, input: WithdrawInput): Promise<ApprovalDecision> {
  return db.$transaction(async (tx) => {
    const request = await lockPending(tx, id, input.version, 'withdraw', async (r) => {
      if (r.requestedById !== actor.userId) throw new ForbiddenError('Only the person who asked for this move can withdraw the request; an executive can reject it.');
      authorize(actor, REQUEST_PERMISSION[r.kind]);
    }, { state: 'WITHDRAWN', decidedById: actor.userId, decidedAt: new Date() });
    await audit(tx, actor, request, { action: 'approval.withdrawn', state: 'WITHDRAWN' });
    return { approval: await loadApproval(tx, id) };
  });
}

const REQUEST_ROW = {
  id: true, kind: true, state: true, version: true, input: true, partnershipId: true, rolloutId: true, requestedById: true,
  requestedBy: { select: { email: true, name: true } },
  decidedAt: true, decidedBy: { select: { email: true, name: true } },
  partnership: { select: { name: true } }, rollout: { select: { region: { select: { name: true } } } },
} satisfies Prisma.ApprovalRequestSelect;
type RequestRow = Prisma.ApprovalRequestGetPayload<{ select: typeof REQUEST_ROW }>;

/** Approve or reject: never one's own request (four eyes), then the guarded state change. */
function decide(tx: Tx, actor: Actor, id: string, version: number | undefined, state: 'APPROVED' | 'REJECTED', comment: string | null) {
  return lockPending(tx, id, version, state === 'APPROVED' ? 'approve' : 'reject', async (r) => {
    if (r.requestedById === actor.userId) {
      throw new ForbiddenError(state === 'APPROVED'
        ? 'You asked for this move, so someone else must approve it (four eyes): another executive or an administrator. This holds for administrators too.'
        : 'You asked for this move: withdraw the request instead of rejecting it.');
    }
  }, { state, decidedById: actor.userId, decidedAt: new Date(), decisionNote: comment?.trim() || null });
}

/**
 * Reads the request, runs `check`, and moves it out of PENDING with `UPDATE … WHERE state =
 * 'PENDING' AND version = v`: the row lock makes a second decider wait, then find nothing to update.
 */
async function lockPending(tx: Tx, id: string, version: number | undefined, verb: string, check: (r: RequestRow) => Promise<void>,
  data: Prisma.ApprovalRequestUncheckedUpdateManyInput): Promise<RequestRow> {
  const request = await tx.approvalRequest.findUnique({ where: { id }, select: REQUEST_ROW });
  if (!request) throw new NotFoundError('No approval request with that id.');
  if (request.state !== 'PENDING') throw alreadyDecided(request);
  await check(request);
  if (version !== undefined && version !== request.version) {
    throw new ConflictError(`This request changed since you loaded it (version ${request.version}, not ${version}). Reload it before you ${verb} it.`, await loadApproval(tx, id));
  }
  const updated = await tx.approvalRequest.updateMany({ where: { id, state: 'PENDING', version: request.version }, data: { ...data, version: { increment: 1 } } });
  if (updated.count !== 1) {
    const now = await tx.approvalRequest.findUniqueOrThrow({ where: { id }, select: REQUEST_ROW });
    throw now.state === 'PENDING' ? new ConflictError('Someone acted on this request at the same moment. Reload and try again.') : alreadyDecided(now);
  }
  return request;
}

function alreadyDecided(r: RequestRow): ConflictError {
  const by = r.decidedBy ? ` by ${r.decidedBy.name} (${r.decidedBy.email})` : '';
  const at = r.decidedAt ? ` at ${r.decidedAt.toISOString().slice(0, 16).replace('T', ' ')} UTC` : '';
  return new ConflictError(`This request was already ${APPROVAL_STATE_LABELS[r.state].toLowerCase()}${by}${at}; nothing was changed.`, { state: r.state, decidedBy: r.decidedBy?.email ?? null, decidedAt: r.decidedAt?.toISOString() ?? null });
}

/** The move was refused now: same status and details, and the message says the request still waits. */
function stillPending(error: unknown): unknown {
  const suffix = ' Nothing was approved: the request stays pending. Approve it again once this is resolved, or reject it.';
  if (error instanceof GatingError) return new GatingError(`${error.message}${suffix}`, error.blockers);
  if (error instanceof ValidationError) return new ValidationError(`${error.message}${suffix}`, error.fieldErrors);
  return error;
}

async function audit(tx: Tx, actor: Actor, r: RequestRow, { action, state, comment }: { action: string; state: string; comment?: string | null }) {
  const subject = approvalSubject(r.kind, { partnership: r.partnership.name, region: r.rollout?.region.name });
  await recordAudit(tx, actor, {
    entityType: 'ApprovalRequest', entityId: r.id, action, partnershipId: r.partnershipId,
    before: { state: 'PENDING' }, after: { state },
    context: { subjectLabel: subject, requestedBy: r.requestedBy.email, ...(comment?.trim() ? { comment: comment.trim() } : {}) },
  });
}
