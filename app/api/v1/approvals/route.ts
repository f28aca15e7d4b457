import { approvalListQuery } from '@/lib/schemas/approvals';
import { validationError } from '@/server/actions/define';
import { apiRoute } from '@/server/api/handler';
import { findApprovals } from '@/server/approvals/queries';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md, "Approvals". Pending requests oldest first; ?state=all adds the decided ones after
// them, newest first. ?page= (from 1), ?limit= (1–100, default 50). { approvals, page, next }.
export const GET = apiRoute('approvals.read', async ({ request }) => {
  const parsed = approvalListQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw validationError(parsed.error);
  return findApprovals(parsed.data);
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
