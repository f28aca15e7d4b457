import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { approvalSubject, type ApprovalKind, type ApprovalState } from '@/lib/approvals';
import type { ApprovalListQuery } from '@/lib/schemas/approvals';
import { keptWhile } from '@/server/cache/versioned';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

type Tx = Prisma.TransactionClient;

export const APPROVAL_SELECT = {
  id: true, kind: true, state: true, version: true, input: true, requestNote: true, requestedAt: true, decidedAt: true, decisionNote: true,
  requestedBy: { select: { id: true, name: true, email: true } },
  decidedBy: { select: { name: true, email: true } },
  partnership: { select: { slug: true, name: true, stage: true } },
  rollout: { select: { id: true, status: true, region: { select: { code: true, name: true } } } },
} satisfies Prisma.ApprovalRequestSelect;

type Row = Prisma.ApprovalRequestGetPayload<{ select: typeof APPROVAL_SELECT }>;

/** One request as the page and the API show it (docs/api.md, "Approvals"). */
export type ApprovalDto = {
  id: string;
  version: number;
  kind: ApprovalKind;
  state: ApprovalState;
  /** "Hong Kong goes live", "Apple Pay × Alipay is signed". */
  subject: string;
  partnership: { slug: string; name: string };
  rollout: { id: string; region: string; regionName: string } | null;
  /** What the move will be given when it happens: signing date, reason; launch date, notes. */
  input: Record<string, unknown>;
  note: string | null;
  requestedBy: { id: string; name: string; email: string };
  requestedAt: string;
  decidedBy: { name: string; email: string } | null;
  decidedAt: string | null;
  decisionNote: string | null;
};

export type ApprovalRequested = { approval: ApprovalDto };

/** A mutation's result when the move it was asked for now waits for a second person. */
export function isApprovalRequested(result: unknown): result is ApprovalRequested {
  return !!result && typeof result === 'object' && 'approval' in result;
}

/** What the form says when its move now waits: "Sent for approval: Hong Kong goes live. An executive decides it on Approvals." */
export function sentForApproval({ approval }: ApprovalRequested): string {
  return `Sent for approval: ${approval.subject}. Another executive or an administrator decides it on the Approvals page.`;
}

export function toApprovalDto(r: Row): ApprovalDto {
  const input = r.input && typeof r.input === 'object' && !Array.isArray(r.input) ? (r.input as Record<string, unknown>) : {};
  return {
    id: r.id, version: r.version, kind: r.kind, state: r.state,
    subject: approvalSubject(r.kind, { partnership: r.partnership.name, region: r.rollout?.region.name }),
    partnership: { slug: r.partnership.slug, name: r.partnership.name },
    rollout: r.rollout ? { id: r.rollout.id, region: r.rollout.region.code, regionName: r.rollout.region.name } : null,
    input, note: r.requestNote,
    requestedBy: r.requestedBy, requestedAt: r.requestedAt.toISOString(),
    decidedBy: r.decidedBy, decidedAt: r.decidedAt?.toISOString() ?? null, decisionNote: r.decisionNote,
  };
}

export async function loadApproval(tx: Tx, id: string): Promise<ApprovalDto> {
  const row = await tx.approvalRequest.findUnique({ where: { id }, select: APPROVAL_SELECT });
  if (!row) throw new NotFoundError('No approval request with that id.');
  return toApprovalDto(row);
}

export async function findApproval(id: string): Promise<ApprovalDto> {
  return loadApproval(db, id);
}

/**
 * Requests, pending first (oldest first: the longest wait on top), then decided ones (newest first).
 * `state: 'pending'` lists only those waiting. Paged: `next` is the next page's number, or null.
 */
export async function findApprovals(q: ApprovalListQuery): Promise<{ approvals: ApprovalDto[]; page: number; next: number | null }> {
  const skip = (q.page - 1) * q.limit;
  const pendingWhere = { state: 'PENDING' } as const;
  const pendingCount = await db.approvalRequest.count({ where: pendingWhere });
  const rows: Row[] = [];
  if (skip < pendingCount) {
    rows.push(...(await db.approvalRequest.findMany({ where: pendingWhere, select: APPROVAL_SELECT, orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }], skip, take: q.limit + 1 })));
  }
  if (q.state === 'all' && rows.length <= q.limit) {
    const decidedSkip = Math.max(0, skip - pendingCount);
    rows.push(...(await db.approvalRequest.findMany({
      where: { state: { not: 'PENDING' } }, select: APPROVAL_SELECT,
      orderBy: [{ decidedAt: 'desc' }, { requestedAt: 'desc' }, { id: 'desc' }], skip: decidedSkip, take: q.limit + 1 - rows.length,
    })));
  }
  const more = rows.length > q.limit;
  return { approvals: rows.slice(0, q.limit).map(toApprovalDto), page: q.page, next: more ? q.page + 1 : null };
}

/** The /approvals page: every pending request, and the latest decisions. */
export async function findApprovalsPage(recent = 20): Promise<{ pending: ApprovalDto[]; decided: ApprovalDto[] }> {
  const [pending, decided] = await Promise.all([
    db.approvalRequest.findMany({ where: { state: 'PENDING' }, select: APPROVAL_SELECT, orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }], take: 500 }),
    db.approvalRequest.findMany({ where: { state: { not: 'PENDING' } }, select: APPROVAL_SELECT, orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }], take: recent }),
  ]);
  return { pending: pending.map(toApprovalDto), decided: decided.map(toApprovalDto) };
}

/** A deal's requests waiting for a decision (its dashboard's "Waiting for approval" panel, the update page). */
// Kept while the data is unchanged (decision 011): the dashboard shows them on every view, and a
// request's row bumps the content version when it is made or decided.
export const findPendingApprovalsOf: (partnershipId: string) => Promise<readonly ApprovalDto[]> = keptWhile('content', 256, async (partnershipId: string) => {
  const rows = await db.approvalRequest.findMany({ where: { partnershipId, state: 'PENDING' }, select: APPROVAL_SELECT, orderBy: { requestedAt: 'asc' } });
  return rows.map(toApprovalDto);
});
