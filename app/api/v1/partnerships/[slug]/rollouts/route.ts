import { apiRoute } from '@/server/api/handler';
import { findRollouts } from '@/server/rollouts/queries';

export const GET = apiRoute<{ slug: string }>('partnerships.read', async ({ params }) => ({
  rollouts: await findRollouts(params.slug.slice(0, 200)),
}));
