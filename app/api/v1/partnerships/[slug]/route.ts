import { updatePartnershipSchema } from '@/lib/schemas/partnerships';
import { apiRoute, readJson } from '@/server/api/handler';
import { updatePartnership } from '@/server/partnerships/mutations';
import { requirePartnershipRecord } from '@/server/partnerships/record';
import { isPartner } from '@/server/access/scope';
import { requirePartnerDeal } from '@/server/partner-workspace/queries';

// The record with `version`, `stage`, `parties` and `stageHistory` (newest first).
// A partner user reads the record of their own deals only, without its internal parts (issue 17).
export const GET = apiRoute<{ slug: string }>('partnerships.read', async ({ actor, params }) =>
  isPartner(actor) ? requirePartnerDeal(actor, params.slug.slice(0, 200)) : requirePartnershipRecord(params.slug.slice(0, 200)), { partners: 'scoped' });

// 200 with the new record; 409 with the current one on a stale version; 422 with field errors.
export const PATCH = apiRoute<{ slug: string }>('partnerships.update', async ({ request, actor, params }) => {
  const input = await readJson(request, updatePartnershipSchema);
  return updatePartnership(actor, params.slug.slice(0, 200), input);
});
