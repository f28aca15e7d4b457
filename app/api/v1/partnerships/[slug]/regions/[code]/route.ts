import { regionCodeFormat } from '@/lib/schemas/regions';
import { validationError } from '@/server/actions/define';
import { apiRoute } from '@/server/api/handler';
import { removePartnershipRegion } from '@/server/regions/partnership-regions';
import { otherMethods } from '@/server/api/not-allowed';

// 204 when removed; 409 with the reason (metric values or targets: withdraw it instead).
export const DELETE = apiRoute<{ slug: string; code: string }>('partnerships.regions', async ({ actor, params }) => {
  const code = regionCodeFormat.safeParse(params.code.slice(0, 10));
  if (!code.success) throw validationError(code.error);
  await removePartnershipRegion(actor, params.slug.slice(0, 200), { region: code.data });
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});

export const { GET, POST, PUT, PATCH, OPTIONS } = otherMethods(['DELETE']);
