import type { Actor } from '@/server/auth/actor';
import { isApprovalRequested, type ApprovalRequested } from '@/server/approvals/queries';
import { approveRequest } from '@/server/approvals/mutations';

/**
 * Going live and signing wait for a second person (issue 17, docs/decisions/018-four-eyes.md).
 * Tests about something else that need the move made: the request, approved by `approver`, gives
 * the moved rollout or partnership; any other result is passed through.
 */
export async function approvedBy<T>(approver: Actor, result: T | ApprovalRequested): Promise<T> {
  if (!isApprovalRequested(result)) return result;
  const decision = await approveRequest(approver, result.approval.id, { comment: 'Approved (test)' });
  return (decision.rollout ?? decision.partnership) as T;
}
