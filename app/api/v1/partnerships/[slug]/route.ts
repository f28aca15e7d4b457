import { updatePartnershipSchema } from '@/lib/schemas/partnerships';
import { apiRoute, readJson } from '@/server/api/handler';
import { updatePartnership } from '@/server/partnerships/mutations';
import { requirePartnershipRecord } from '@/server/partnerships/record';

// The record with `version`, `stage`, `parties` and `stageHistory` (newest first).
export const GET = apiRoute<{ slug: string }>('partnerships.read', async ({ params }) => requirePartnershipRecord(params.slug.slice(0, 200)));

// 200 with the new record; 409 with the current one on a stale version; 422 with field errors.
export const PATCH = apiRoute<{ slug: string }>('partnerships.update', async ({ request, actor, params }) => {
  const input = await readJson(request, updatePartnershipSchema);
  return updatePartnership(actor, params.slug.slice(0, 200), input);
});
