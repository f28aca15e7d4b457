import { updatePartnershipSchema } from '@/lib/schemas/partnerships';
import { apiRoute, readJson } from '@/server/api/handler';
import { updatePartnership } from '@/server/partnerships/mutations';
import { recordSeenBy, requirePartnershipRecord } from '@/server/partnerships/record';
import { withoutHiddenFields } from '@/server/access/fields';
import { isPartner } from '@/server/access/scope';
import { requirePartnerDeal } from '@/server/partner-workspace/queries';
import { otherMethods } from '@/server/api/not-allowed';

// The record with `version`, `stage`, `parties` and `stageHistory` (newest first).
// A partner user reads the record of their own deals only, without its internal parts (issue 17).
// Fields confidential to the caller (issue 17, item 5) are absent and named in `hiddenFields`.
export const GET = apiRoute<{ slug: string }>('partnerships.read', async ({ actor, params }) => {
  if (isPartner(actor)) {
    const deal = await requirePartnerDeal(actor, params.slug.slice(0, 200));
    return withoutHiddenFields(deal, deal.hiddenFields);
  }
  return recordSeenBy(actor, await requirePartnershipRecord(params.slug.slice(0, 200)));
}, { partners: 'scoped' });

// 200 with the new record; 409 with the current one on a stale version; 422 with field errors.
export const PATCH = apiRoute<{ slug: string }>('partnerships.update', async ({ request, actor, params }) => {
  const input = await readJson(request, updatePartnershipSchema);
  return recordSeenBy(actor, await updatePartnership(actor, params.slug.slice(0, 200), input));
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods(['GET', 'PATCH']);
