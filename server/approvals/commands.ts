import 'server-only';
import { approveForm, rejectForm, withdrawForm } from '@/lib/schemas/approvals';
import { defineCommand } from '@/server/actions/define';
import { approveRequest, rejectRequest, withdrawRequest, type ApprovalDecision } from './mutations';

// The decision forms on /approvals and the dashboard's panel; the API routes call the same mutations.

const moved = (d: ApprovalDecision) => (d.rollout ? ` ${d.rollout.regionName} is now live.` : d.partnership ? ` ${d.partnership.name} is now signed.` : '');

export const approveCommand = defineCommand({
  permission: 'approvals.decide',
  schema: approveForm,
  run: (actor, { id, version, comment }) => approveRequest(actor, id, { version, comment }),
  success: (d) => `Approved: ${d.approval.subject}.${moved(d)}`,
});

export const rejectCommand = defineCommand({
  permission: 'approvals.decide',
  schema: rejectForm,
  run: (actor, { id, version, comment }) => rejectRequest(actor, id, { version, comment }),
  success: (d) => `Rejected: ${d.approval.subject}. ${d.approval.requestedBy.name} sees your comment.`,
});

// Withdrawing needs the permission that asked for the move (checked in withdrawRequest).
export const withdrawCommand = defineCommand({
  permission: 'approvals.read',
  schema: withdrawForm,
  run: (actor, { id, version }) => withdrawRequest(actor, id, { version }),
  success: (d) => `Withdrew the request: ${d.approval.subject}.`,
});
