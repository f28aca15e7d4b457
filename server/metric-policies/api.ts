import 'server-only';
import { metricPoliciesSchema } from '@/lib/schemas/metric-policies';
import { readJson } from '@/server/api/handler';
import type { Actor } from '@/server/auth/actor';
import { updateMetricPolicies } from './mutations';
import { findMetricPolicies, type MetricPoliciesDto } from './queries';

const shape = (dto: MetricPoliciesDto) => ({ partnership: dto.partnership.slug, policies: dto.policies });

/** GET /api/v1/partnerships/{slug}/metric-policies (docs/api.md, "Metric sharing"). */
export async function getMetricPoliciesResponse(slug: string) {
  return shape(await findMetricPolicies(slug));
}

/** PUT: the same save as the sharing form; each metric with the version read (409 when it moved). */
export async function putMetricPoliciesResponse(actor: Actor, slug: string, request: Request) {
  const body = await readJson(request, metricPoliciesSchema);
  return shape(await updateMetricPolicies(actor, slug, body));
}
