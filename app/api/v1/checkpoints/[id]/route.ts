import { updateCheckpointSchema } from '@/lib/schemas/checkpoints';
import { apiRoute, readJson } from '@/server/api/handler';
import { updateCheckpoint } from '@/server/checkpoints/mutations';
import { otherMethods } from '@/server/api/not-allowed';

export const PATCH = apiRoute<{ id: string }>('checkpoints.update', async ({ request, actor, params }) => {
  const input = await readJson(request, updateCheckpointSchema);
  return updateCheckpoint(actor, params.id.slice(0, 64), input);
});

export const { GET, POST, PUT, DELETE, OPTIONS } = otherMethods(['PATCH']);
