import { parseMetricsQuery } from '@/lib/schemas/metrics-api';
import { apiRoute } from '@/server/api/handler';
import { BadParameterError } from '@/server/errors';
import { metricsResponse } from '@/server/metrics/api';
import { metricsDataVersion } from '@/server/metrics/cache';

// docs/api.md. 400 names the bad parameter; 404 for an unknown slug; exports need metrics.export.
// Partners read their own partnerships' shared metrics: metricsResponse scopes itself (issue 17).
export function GET(request: Request, segment: { params: Promise<{ slug: string }> }) {
  // The data version (one counter, nothing a caller sees) is read while the caller is being
  // authenticated, so a cached answer costs no extra round trip.
  const version = metricsDataVersion().catch(() => null);
  return apiRoute<{ slug: string }>('metrics.read', async ({ request: r, actor, params }) => {
    const parsed = parseMetricsQuery(new URL(r.url).searchParams);
    if ('problem' in parsed) throw new BadParameterError(parsed.problem.parameter, parsed.problem.message, parsed.problems);
    return metricsResponse(actor, params.slug.slice(0, 200), parsed.query, version);
  }, { partners: 'scoped' })(request, segment);
}
