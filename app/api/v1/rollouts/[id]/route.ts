import { NextResponse } from 'next/server';
import { updateRolloutSchema } from '@/lib/schemas/rollouts';
import { apiRoute, readJson } from '@/server/api/handler';
import { isApprovalRequested } from '@/server/approvals/queries';
import { updateRollout } from '@/server/rollouts/mutations';
import { otherMethods } from '@/server/api/not-allowed';

// 422 with `blockers` naming each checkpoint or milestone when gating refuses the move.
// Going LIVE needs four eyes (issue 17): 202 { approval } with the request, which an executive
// approves at POST /api/v1/approvals/{id}/approve; 409 when one is already pending.
export const PATCH = apiRoute<{ id: string }>('rollouts.update', async ({ request, actor, params }) => {
  const input = await readJson(request, updateRolloutSchema);
  const result = await updateRollout(actor, params.id.slice(0, 64), input);
  if (isApprovalRequested(result)) {
    return NextResponse.json(result, { status: 202, headers: { Location: `/api/v1/approvals/${result.approval.id}`, 'Cache-Control': 'no-store' } });
  }
  return result;
});

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods(['PATCH']);
