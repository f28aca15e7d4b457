import { NextResponse } from 'next/server';
import { createOrganizationSchema } from '@/lib/schemas/organizations';
import { apiRoute, readJson } from '@/server/api/handler';
import { createOrganization } from '@/server/organizations/mutations';
import { findOrganizations } from '@/server/organizations/queries';
import { otherMethods } from '@/server/api/not-allowed';

// Every role reads the organizations (and the deals each is a party to); BD and admins add them.
export const GET = apiRoute('partnerships.read', async () => ({ organizations: await findOrganizations() }));

export const POST = apiRoute('organizations.manage', async ({ request, actor }) => {
  const input = await readJson(request, createOrganizationSchema, 20_000);
  return NextResponse.json(await createOrganization(actor, input), { status: 201, headers: { 'Cache-Control': 'no-store' } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET', 'POST']);
