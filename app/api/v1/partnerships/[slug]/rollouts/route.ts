import { isPartner } from '@/server/access/scope';
import { apiRoute } from '@/server/api/handler';
import { findPartnerRollouts, requirePartnerDeal } from '@/server/partner-workspace/queries';
import { findRollouts } from '@/server/rollouts/queries';
import { otherMethods } from '@/server/api/not-allowed';

export const GET = apiRoute<{ slug: string }>('partnerships.read', async ({ actor, params }) => {
  const slug = params.slug.slice(0, 200);
  if (isPartner(actor)) return { rollouts: await findPartnerRollouts(actor, (await requirePartnerDeal(actor, slug)).id) };
  return { rollouts: await findRollouts(slug) };
}, { partners: 'scoped' });

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
