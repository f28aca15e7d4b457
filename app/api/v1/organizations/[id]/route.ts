import { z } from 'zod';
import { updateOrganizationSchema } from '@/lib/schemas/organizations';
import { validationError } from '@/server/actions/define';
import { apiRoute, readJson } from '@/server/api/handler';
import { NotFoundError } from '@/server/errors';
import { deleteOrganization, updateOrganization } from '@/server/organizations/mutations';
import { findOrganization } from '@/server/organizations/queries';
import { otherMethods } from '@/server/api/not-allowed';

type Params = { id: string };

export const GET = apiRoute<Params>('partnerships.read', async ({ params }) => {
  const organization = await findOrganization(params.id);
  if (!organization) throw new NotFoundError('No organization with that id.');
  return organization;
});

export const PATCH = apiRoute<Params>('organizations.manage', async ({ request, actor, params }) => {
  const input = await readJson(request, updateOrganizationSchema, 20_000);
  return updateOrganization(actor, params.id.slice(0, 64), input);
});

// DELETE carries the version it was based on in the query string (?version=3): bodies on DELETE
// are dropped by some clients and proxies. 409 names the deals the organization is a party to.
const versionParam = z.coerce.number({ error: 'Send ?version= with the version you are deleting (an integer).' }).int().min(1).max(2_147_483_647);

export const DELETE = apiRoute<Params>('organizations.manage', async ({ request, actor, params }) => {
  const parsed = versionParam.safeParse(new URL(request.url).searchParams.get('version') ?? undefined);
  if (!parsed.success) throw validationError(parsed.error);
  await deleteOrganization(actor, { id: params.id.slice(0, 64), version: parsed.data });
  return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
});

export const { POST, PUT, OPTIONS } = otherMethods(['GET', 'PATCH', 'DELETE']);
