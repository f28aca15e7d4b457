import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { approvalSubject, type ApprovalKind } from '@/lib/approvals';
import { formatDay } from '@/lib/format';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { ConflictError } from '@/server/errors';
import { notifyApprovalRequested } from '@/server/notifications/approvals';
import { APPROVAL_SELECT, loadApproval, toApprovalDto, type ApprovalRequested } from './queries';

type Tx = Prisma.TransactionClient;

/**
 * Whether a move that needs four eyes waits for a second person when this actor asks for it:
 * every person (signed in, or through their API token) does. The CLI operator and the seed act
 * with the database's own rights and have no account to be "the other person" from, so they
 * move directly (docs/decisions/018-four-eyes.md).
 */
export function needsApproval(actor: Actor): actor is Actor & { userId: string } {
  return actor.userId !== null && (actor.kind === 'user' || actor.kind === 'token');
}

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/**
 * Creates the request instead of the move, in the caller's transaction (after the caller checked
 * everything the move checks that does not depend on a second person). One pending request per
 * move: a second one is a 409 that points at the first (the partial unique index
 * approval_requests_one_pending catches two requests at the same moment).
 */
export async function requestApproval(tx: Tx, actor: Actor & { userId: string }, request: {
  kind: ApprovalKind;
  partnershipId: string;
  rolloutId?: string | null;
  names: { partnership: string; region?: string | null };
  /** What the move needs when it happens; stored as it is and re-checked on approval. */
  input: Record<string, unknown>;
  /** What the audit row shows of the move ("status → Live", "stage → Signed"). */
  shows: Record<string, unknown>;
  note?: string | null;
}): Promise<ApprovalRequested> {
  const subject = approvalSubject(request.kind, request.names);
  const where = { partnershipId: request.partnershipId, kind: request.kind, rolloutId: request.rolloutId ?? null, state: 'PENDING' as const };
  const pending = await tx.approvalRequest.findFirst({ where, select: APPROVAL_SELECT });
  if (pending) throw alreadyPending(subject, toApprovalDto(pending));
  let id: string;
  try {
    ({ id } = await tx.approvalRequest.create({
      select: { id: true },
      data: {
        kind: request.kind, partnershipId: request.partnershipId, rolloutId: request.rolloutId ?? null,
        input: JSON.parse(JSON.stringify(request.input)) as Prisma.InputJsonValue,
        requestNote: request.note?.trim() || null, requestedById: actor.userId,
      },
    }));
  } catch (error) {
    // Two requests at the same moment: the index refused the second (the transaction is aborted,
    // so the first cannot be read here; the message says where to find it).
    if (isUniqueViolation(error)) throw new ConflictError(`${subject} already waits for approval (requested at the same moment). See Approvals.`);
    throw error;
  }
  await recordAudit(tx, actor, {
    entityType: 'ApprovalRequest', entityId: id, action: 'approval.requested', partnershipId: request.partnershipId,
    after: { kind: request.kind, state: 'PENDING', ...request.shows },
    context: { subjectLabel: subject, ...(request.note?.trim() ? { note: request.note.trim() } : {}) },
  });
  const approval = await loadApproval(tx, id);
  // Whoever may decide hears of it, in this transaction: a request exists if and only if they do.
  await notifyApprovalRequested(tx, approval, request.partnershipId);
  return { approval };
}

function alreadyPending(subject: string, pending: ReturnType<typeof toApprovalDto>): ConflictError {
  const when = formatDay(pending.requestedAt.slice(0, 10));
  return new ConflictError(`${subject} already waits for approval: ${pending.requestedBy.name} asked on ${when}. Withdraw that request first, or ask an executive to decide it.`, pending);
}
