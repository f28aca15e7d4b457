import { updateRolloutSchema } from '@/lib/schemas/rollouts';
import { apiRoute, readJson } from '@/server/api/handler';
import { updateRollout } from '@/server/rollouts/mutations';

// 422 with `blockers` naming each checkpoint or milestone when gating refuses the move.
export const PATCH = apiRoute<{ id: string }>('rollouts.update', async ({ request, actor, params }) => {
  const input = await readJson(request, updateRolloutSchema);
  return updateRollout(actor, params.id.slice(0, 64), input);
});
