import { NextResponse } from 'next/server';
import { inviteSchema } from '@/lib/schemas/invitations';
import { apiRoute, readJson } from '@/server/api/handler';
import { invitePartner } from '@/server/invitations/mutations';
import { findInvitations } from '@/server/invitations/queries';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md, Partner invitations (issue 17). Business development and administrators.
export const GET = apiRoute('partners.invite', async ({ request }) => {
  const pendingOnly = new URL(request.url).searchParams.get('state') === 'pending';
  return { invitations: await findInvitations({ pendingOnly }) };
});

// The link (with its token) is in this answer only: Accord keeps its SHA-256 alone.
export const POST = apiRoute('partners.invite', async ({ request, actor }) => {
  const input = await readJson(request, inviteSchema, 10_000);
  const invited = await invitePartner(actor, input);
  return NextResponse.json(invited, { status: 201, headers: { Location: `/api/v1/invitations/${invited.id}`, 'Cache-Control': 'no-store' } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST']);
