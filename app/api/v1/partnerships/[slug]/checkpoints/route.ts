import { apiRoute } from '@/server/api/handler';
import { findCheckpoints } from '@/server/checkpoints/queries';

export const GET = apiRoute<{ slug: string }>('partnerships.read', async ({ params }) => ({
  checkpoints: await findCheckpoints(params.slug.slice(0, 200)),
}));
