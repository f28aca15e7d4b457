import { moveStageSchema } from '@/lib/schemas/partnerships';
import { apiRoute, readJson } from '@/server/api/handler';
import { movePartnershipStage } from '@/server/partnerships/stage';

// A stage move along the graph of lib/rules/stages.ts: 200 with the record; 422 naming why a move
// is refused (not in the graph, reason or signing date missing); 409 on a stale version.
export const POST = apiRoute<{ slug: string }>('partnerships.stage', async ({ request, actor, params }) => {
  const input = await readJson(request, moveStageSchema);
  return movePartnershipStage(actor, params.slug.slice(0, 200), input);
});
