import { NextResponse } from 'next/server';
import { createPartnershipSchema } from '@/lib/schemas/partnerships';
import { apiRoute, readJson } from '@/server/api/handler';
import { createPartnership } from '@/server/partnerships/mutations';
import { findPartnershipList } from '@/server/partnerships/queries';
import { recordSeenBy } from '@/server/partnerships/record';
import { isPartner } from '@/server/access/scope';
import { findPartnerPortfolio } from '@/server/partner-workspace/queries';
import { otherMethods } from '@/server/api/not-allowed';

// The partnerships the caller may read: every one for internal roles, their own for partner users (issue 17).
export const GET = apiRoute('partnerships.read', async ({ actor }) => ({
  partnerships: isPartner(actor)
    ? (await findPartnerPortfolio(actor)).map((d) => ({ slug: d.slug, name: d.name, stage: d.stage }))
    : await findPartnershipList(),
}), { partners: 'scoped' });

// 201 with the record; 409 when the web address is taken; 422 with field errors.
export const POST = apiRoute('partnerships.create', async ({ request, actor }) => {
  const input = await readJson(request, createPartnershipSchema);
  const record = await createPartnership(actor, input);
  return NextResponse.json(await recordSeenBy(actor, record), { status: 201, headers: { Location: `/api/v1/partnerships/${record.slug}`, 'Cache-Control': 'no-store' } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST']);
