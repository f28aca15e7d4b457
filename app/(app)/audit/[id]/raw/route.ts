import { metricAudience } from '@/server/access/metrics';
import { apiRoute } from '@/server/api/handler';
import { auditReaderScope, findRawAuditRecord } from '@/server/audit/queries';
import { NotFoundError } from '@/server/errors';
import { otherMethods } from '@/server/api/not-allowed';

// One audit event's raw record, as stored: the audit page fetches it when "Raw record" is opened
// (issue 14, goal 4: below-the-fold data only when asked). audit.read, like the page; 404 otherwise.
// Partner users: their own events only; anyone else's is a 404 like an unknown number (issue 17).
// Values confidential to the reader read "confidential" (issue 17, item 5: server/audit/redact.ts).
export const GET = apiRoute<{ id: string }>('audit.read', async ({ actor, params }) => {
  const raw = await findRawAuditRecord(params.id.slice(0, 40), auditReaderScope(actor), metricAudience(actor));
  if (!raw) throw new NotFoundError('There is no audit event with that number.');
  return new Response(raw, { headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' } });
}, { partners: 'scoped' });

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
