import 'server-only';
import { fieldPoliciesSchema } from '@/lib/schemas/field-policies';
import { readJson } from '@/server/api/handler';
import type { Actor } from '@/server/auth/actor';
import { updateFieldPolicies } from './mutations';
import { findFieldPolicies, type FieldPoliciesDto } from './queries';

const shape = (dto: FieldPoliciesDto) => ({ partnership: dto.partnership.slug, policies: dto.policies });

/** GET /api/v1/partnerships/{slug}/field-policies (docs/api.md, "Confidential fields"). */
export async function getFieldPoliciesResponse(slug: string) {
  return shape(await findFieldPolicies(slug));
}

/** PUT: the same save as the edit page's form; each field with the version read (409 when it moved). */
export async function putFieldPoliciesResponse(actor: Actor, slug: string, request: Request) {
  const body = await readJson(request, fieldPoliciesSchema);
  return shape(await updateFieldPolicies(actor, slug, body));
}
