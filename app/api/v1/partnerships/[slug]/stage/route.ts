import { NextResponse } from 'next/server';
import { moveStageSchema } from '@/lib/schemas/partnerships';
import { apiRoute, readJson } from '@/server/api/handler';
import { isApprovalRequested } from '@/server/approvals/queries';
import { recordSeenBy } from '@/server/partnerships/record';
import { movePartnershipStage } from '@/server/partnerships/stage';
import { otherMethods } from '@/server/api/not-allowed';

// A stage move along the graph of lib/rules/stages.ts: 200 with the record; 422 naming why a move
// is refused (not in the graph, reason or signing date missing); 409 on a stale version.
// Signed needs four eyes (issue 17): 202 { approval } with the request; 409 when one is pending.
export const POST = apiRoute<{ slug: string }>('partnerships.stage', async ({ request, actor, params }) => {
  const input = await readJson(request, moveStageSchema);
  const result = await movePartnershipStage(actor, params.slug.slice(0, 200), input);
  if (isApprovalRequested(result)) {
    return NextResponse.json(result, { status: 202, headers: { Location: `/api/v1/approvals/${result.approval.id}`, 'Cache-Control': 'no-store' } });
  }
  return recordSeenBy(actor, result); // without the fields confidential to the caller (issue 17, item 5)
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
