import { isPartner } from '@/server/access/scope';
import { apiRoute } from '@/server/api/handler';
import { findMilestones } from '@/server/milestones/queries';
import { findPartnerMilestones, requirePartnerDeal } from '@/server/partner-workspace/queries';
import { otherMethods } from '@/server/api/not-allowed';

export const GET = apiRoute<{ slug: string }>('partnerships.read', async ({ actor, params }) => {
  const slug = params.slug.slice(0, 200);
  if (isPartner(actor)) return { milestones: await findPartnerMilestones(actor, (await requirePartnerDeal(actor, slug)).id) };
  return { milestones: await findMilestones(slug) };
}, { partners: 'scoped' });

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
