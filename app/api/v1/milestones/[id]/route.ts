import { updateMilestoneSchema } from '@/lib/schemas/milestones';
import { isPartner } from '@/server/access/scope';
import { apiRoute, readJson } from '@/server/api/handler';
import { updateMilestone } from '@/server/milestones/mutations';
import { requirePartnerMilestone } from '@/server/partner-workspace/queries';
import { otherMethods } from '@/server/api/not-allowed';

// 200 with the new state; 409 with the current state on a stale version; 422 with field errors.
// Partner users update their organization's shared milestones (issue 17) and read them back as a partner does.
export const PATCH = apiRoute<{ id: string }>('milestones.update', async ({ request, actor, params }) => {
  const input = await readJson(request, updateMilestoneSchema);
  const id = params.id.slice(0, 64);
  const updated = await updateMilestone(actor, id, input);
  return isPartner(actor) ? requirePartnerMilestone(actor, id) : updated;
}, { partners: 'scoped' });

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods(['PATCH']);
