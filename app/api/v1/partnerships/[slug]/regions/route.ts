import { NextResponse } from 'next/server';
import { addPartnershipRegionSchema } from '@/lib/schemas/regions';
import { apiRoute, readJson } from '@/server/api/handler';
import { addPartnershipRegion } from '@/server/regions/partnership-regions';
import { otherMethods } from '@/server/api/not-allowed';

// { "region": "HK", "plannedLaunchOn"? } -> 201 with the new PLANNED rollout.
export const POST = apiRoute<{ slug: string }>('partnerships.regions', async ({ request, actor, params }) => {
  const input = await readJson(request, addPartnershipRegionSchema, 10_000);
  const rollout = await addPartnershipRegion(actor, params.slug.slice(0, 200), input);
  return NextResponse.json(rollout, { status: 201, headers: { 'Cache-Control': 'no-store' } });
});

export const { GET, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['POST']);
