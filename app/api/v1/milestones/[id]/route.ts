import { updateMilestoneSchema } from '@/lib/schemas/milestones';
import { apiRoute, readJson } from '@/server/api/handler';
import { updateMilestone } from '@/server/milestones/mutations';

// 200 with the new state; 409 with the current state on a stale version; 422 with field errors.
export const PATCH = apiRoute<{ id: string }>('milestones.update', async ({ request, actor, params }) => {
  const input = await readJson(request, updateMilestoneSchema);
  return updateMilestone(actor, params.id.slice(0, 64), input);
});
