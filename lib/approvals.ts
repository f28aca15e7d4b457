/**
 * Four-eyes approval (issue 17, docs/decisions/018-four-eyes.md): the moves that wait for a second
 * person, and the words the UI and the audit trail use for them. Plain unions of the Prisma enums
 * (components never import Prisma types).
 */
export const APPROVAL_KINDS = ['ROLLOUT_LIVE', 'PARTNERSHIP_SIGNED'] as const;
export type ApprovalKind = (typeof APPROVAL_KINDS)[number];

export const APPROVAL_STATES = ['PENDING', 'APPROVED', 'REJECTED', 'WITHDRAWN'] as const;
export type ApprovalState = (typeof APPROVAL_STATES)[number];

export const APPROVAL_KIND_LABELS: Record<ApprovalKind, string> = {
  ROLLOUT_LIVE: 'Region goes live',
  PARTNERSHIP_SIGNED: 'Deal is signed',
};

export const APPROVAL_STATE_LABELS: Record<ApprovalState, string> = {
  PENDING: 'Waiting for approval',
  APPROVED: 'Approved',
  REJECTED: 'Rejected',
  WITHDRAWN: 'Withdrawn',
};

/** "Hong Kong goes live", "Apple Pay × Alipay is signed": what the request asks for, in words. */
export function approvalSubject(kind: ApprovalKind, names: { partnership: string; region?: string | null }): string {
  return kind === 'ROLLOUT_LIVE' ? `${names.region ?? 'A region'} goes live` : `${names.partnership} is signed`;
}
