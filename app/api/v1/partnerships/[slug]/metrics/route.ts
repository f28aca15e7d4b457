import { parseMetricsQuery } from '@/lib/schemas/metrics-api';
import { apiRoute } from '@/server/api/handler';
import { readDataVersions, withDataVersions } from '@/server/cache/versioned';
import { BadParameterError } from '@/server/errors';
import { metricsResponse } from '@/server/metrics/api';
import { otherMethods } from '@/server/api/not-allowed';

// docs/api.md. 400 names the bad parameter; 404 for an unknown slug; exports need metrics.export.
// Partners read their own partnerships' shared metrics: metricsResponse scopes itself (issue 17).
export function GET(request: Request, segment: { params: Promise<{ slug: string }> }) {
  // The data versions (two counters, nothing a caller sees) are read while the caller is being
  // authenticated, once for the whole request: the kept partnership, metric rules and answers
  // all check against them, so a repeated question costs no extra round trip (decision 012).
  const versions = readDataVersions();
  versions.catch(() => {}); // a failed read fails the request where it is awaited, not here
  return withDataVersions(versions, () =>
    apiRoute<{ slug: string }>('metrics.read', async ({ request: r, actor, params }) => {
      const parsed = parseMetricsQuery(new URL(r.url).searchParams);
      if ('problem' in parsed) throw new BadParameterError(parsed.problem.parameter, parsed.problem.message, parsed.problems);
      return metricsResponse(actor, params.slug.slice(0, 200), parsed.query);
    }, { partners: 'scoped' })(request, segment),
  );
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods(['GET']);
