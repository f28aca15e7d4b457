import { parseMetricsQuery } from '@/lib/schemas/metrics-api';
import { apiRoute } from '@/server/api/handler';
import { BadParameterError } from '@/server/errors';
import { metricsResponse } from '@/server/metrics/api';

// docs/api.md. 400 names the bad parameter; 404 for an unknown slug; CSV needs metrics.export.
export const GET = apiRoute<{ slug: string }>('metrics.read', async ({ request, actor, params }) => {
  const parsed = parseMetricsQuery(new URL(request.url).searchParams);
  if ('problem' in parsed) throw new BadParameterError(parsed.problem.parameter, parsed.problem.message);
  return metricsResponse(actor, params.slug.slice(0, 200), parsed.query);
});
