import 'server-only';
import { createHash } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import { ROLES } from '@/lib/domain';
import { roleCan } from '@/lib/permissions';
import { loadApproval, type ApprovalDto } from '@/server/approvals/queries';
import type { Actor } from '@/server/auth/actor';
import type { Db } from '@/server/db';
import { Recipients } from './recipients';
import { subjectHref } from './subjects';
import { excerpt } from './words';

type Tx = Prisma.TransactionClient;

// Four eyes (issue 17, docs/decisions/018-four-eyes.md): whoever may decide hears that a move
// waits, and the requester hears how it was decided. Written in the transaction of the request or
// the decision itself, like an administrator's WEBHOOK_DISABLED line (server/webhooks/disable.ts),
// not through the audit fan-out: these lines have their own readers (deciders, the requester), not
// the owners and watchers of the deal, and must exist exactly when the request or decision does.
// Partner users never get them: Recipients.final keeps only active internal readers.

/** The roles that may decide a request (executives and administrators, lib/permissions.ts). */
const DECIDING_ROLES = ROLES.filter((role) => roleCan(role, 'approvals.decide'));

/** The request on the Approvals page (each request's item carries this id). */
export const approvalHref = (id: string) => `/approvals#approval-${id}`;

const nameOf = (actor: Actor) => actor.name ?? actor.label;

/** A new request: every active person who may decide it, except the one who asked. */
export async function notifyApprovalRequested(tx: Tx, approval: ApprovalDto, partnershipId: string): Promise<number> {
  const deciders = await tx.user.findMany({ where: { deactivatedAt: null, role: { in: [...DECIDING_ROLES] } }, select: { id: true } });
  const who = new Recipients().add(deciders.map((d) => d.id), 'APPROVAL_REQUESTED');
  const detail = excerpt([`Deal: ${approval.partnership.name}`, ...(approval.note ? [`Note: ${approval.note}`] : []), 'Approve or reject it on the Approvals page'].join('. '));
  const rows = (await who.final(tx, approval.requestedBy.id)).map(([userId, reason]) => ({
    userId, reason, partnershipId, href: approvalHref(approval.id), detail,
    title: excerpt(`${approval.requestedBy.name} asks for your approval: ${approval.subject}`, 300),
    dedupeKey: `approval-requested:${approval.id}:${userId}`,
  }));
  return write(tx, rows);
}

/** A decision (approved or rejected, with the comment): the requester, unless they may no longer read deals. */
export async function notifyApprovalDecided(tx: Tx, approval: ApprovalDto, partnershipId: string, decider: Actor): Promise<number> {
  if (approval.state !== 'APPROVED' && approval.state !== 'REJECTED') return 0;
  const approved = approval.state === 'APPROVED';
  const moved = approval.rollout ? `${approval.rollout.regionName} is now live` : `${approval.partnership.name} is now signed`;
  const comment = approval.decisionNote ? [`Comment: ${approval.decisionNote}`] : [];
  const href = !approved
    ? approvalHref(approval.id)
    : approval.rollout ? subjectHref(approval.partnership.slug, 'rollout', approval.rollout.id) : subjectHref(approval.partnership.slug, 'partnership', '');
  return toRequester(tx, approval, partnershipId, decider, {
    title: `${nameOf(decider)} ${approved ? 'approved' : 'rejected'} your request: ${approval.subject}`,
    detail: [...(approved ? [moved] : ['Nothing was moved']), ...comment].join('. '),
    href, dedupeKey: `approval-decided:${approval.id}`,
  });
}

/**
 * An approval the move refused (a gate closed while the request waited): the approval rolled back
 * as a whole, so this line is written in a transaction of its own, after it, and only while the
 * request is still pending at the version that was refused (decided meanwhile: its decision tells).
 * One line per refusal reason and version: an approver trying again with the gate still closed
 * does not repeat it.
 */
export async function notifyApprovalRefused(db: Db, approvalId: string, decider: Actor, refusal: string): Promise<number> {
  return db.$transaction(async (tx) => {
    // The request's row lock: a decision at the same moment is either before this (and the request
    // is no longer pending here) or after it.
    const [row] = await tx.$queryRaw<{ state: string; version: number; partnershipId: string }[]>`
      SELECT state::text AS state, version, "partnershipId" FROM approval_requests WHERE id = ${approvalId} FOR UPDATE`;
    if (!row || row.state !== 'PENDING') return 0;
    const approval = await loadApproval(tx, approvalId);
    const reason = createHash('sha256').update(refusal).digest('hex').slice(0, 16);
    return toRequester(tx, approval, row.partnershipId, decider, {
      title: `${nameOf(decider)} could not approve your request: ${approval.subject}`,
      detail: `${refusal} The request still waits: it can be approved once this is resolved, or withdrawn.`,
      href: approvalHref(approval.id), dedupeKey: `approval-refused:${approval.id}:${row.version}:${reason}`,
    });
  });
}

async function toRequester(tx: Tx, approval: ApprovalDto, partnershipId: string, decider: Actor, line: { title: string; detail: string; href: string; dedupeKey: string }) {
  const [[userId, reason] = []] = await new Recipients().add([approval.requestedBy.id], 'APPROVAL_DECIDED').final(tx, decider.userId);
  if (!userId || !reason) return 0;
  return write(tx, [{
    userId, reason, partnershipId, href: line.href,
    title: excerpt(line.title, 300), detail: excerpt(line.detail, 500), dedupeKey: `${line.dedupeKey}:${userId}`,
  }]);
}

async function write(tx: Tx, rows: Prisma.NotificationCreateManyInput[]): Promise<number> {
  if (!rows.length) return 0;
  const { count } = await tx.notification.createMany({ data: rows, skipDuplicates: true });
  return count;
}
