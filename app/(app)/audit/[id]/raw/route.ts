import { apiRoute } from '@/server/api/handler';
import { findRawAuditRecord } from '@/server/audit/queries';
import { NotFoundError } from '@/server/errors';

// One audit event's raw record, as stored: the audit page fetches it when "Raw record" is opened
// (issue 14, goal 4: below-the-fold data only when asked). audit.read, like the page; 404 otherwise.
export const GET = apiRoute<{ id: string }>('audit.read', async ({ params }) => {
  const raw = await findRawAuditRecord(params.id.slice(0, 40));
  if (!raw) throw new NotFoundError('There is no audit event with that number.');
  return new Response(raw, { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } });
});
