import { isPartner } from '@/server/access/scope';
import { apiRoute } from '@/server/api/handler';
import { findCheckpoints } from '@/server/checkpoints/queries';
import { findPartnerCheckpoints, requirePartnerDeal } from '@/server/partner-workspace/queries';
import { otherMethods } from '@/server/api/not-allowed';

export const GET = apiRoute<{ slug: string }>('partnerships.read', async ({ actor, params }) => {
  const slug = params.slug.slice(0, 200);
  if (isPartner(actor)) return { checkpoints: await findPartnerCheckpoints(actor, (await requirePartnerDeal(actor, slug)).id) };
  return { checkpoints: await findCheckpoints(slug) };
}, { partners: 'scoped' });

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
