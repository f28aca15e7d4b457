import { apiRoute } from '@/server/api/handler';
import { findMilestones } from '@/server/milestones/queries';

export const GET = apiRoute<{ slug: string }>('partnerships.read', async ({ params }) => ({
  milestones: await findMilestones(params.slug.slice(0, 200)),
}));
