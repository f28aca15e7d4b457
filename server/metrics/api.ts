import 'server-only';
import type { MetricsQuery } from '@/lib/schemas/metrics-api';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { authorize } from '@/server/auth/guard';
import { db } from '@/server/db';
import { metricRowPages, resolveMetricsQuery } from './rows';
import { BUCKET_CONVENTION, streamMetricRows } from './stream';

/**
 * The metrics API response: JSON or CSV, streamed. Reading JSON needs metrics.read (checked by the
 * route); a CSV file is an export, needs metrics.export, and is written to the audit trail with
 * its filters and row count.
 */
export async function metricsResponse(actor: Actor, slug: string, query: MetricsQuery): Promise<Response> {
  if (query.format === 'csv') authorize(actor, 'metrics.export');
  const resolved = await resolveMetricsQuery(slug, query);
  const asOf = new Date().toISOString();
  const filters = { metrics: resolved.metrics.map((m) => m.key), regions: query.regions, from: query.from, to: query.to, granularity: query.granularity };
  const meta = { partnership: resolved.partnership.slug, ...filters, asOf, buckets: BUCKET_CONVENTION };
  const body = streamMetricRows(metricRowPages(resolved), query.format, meta, async (rows, completed) => {
    if (query.format !== 'csv') return;
    await recordAudit(db, actor, {
      entityType: 'Partnership', entityId: resolved.partnership.id, action: 'metrics.exported', partnershipId: resolved.partnership.id,
      context: { via: 'api', format: query.format, filters, rows, completed },
    });
  });
  const headers: Record<string, string> = {
    'Cache-Control': 'no-store',
    'X-Accord-As-Of': asOf,
    'X-Accord-Buckets': BUCKET_CONVENTION,
    'Content-Type': query.format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
  };
  if (query.format === 'csv') {
    const range = `${query.from ?? 'start'}_${query.to ?? 'latest'}`;
    headers['Content-Disposition'] = `attachment; filename="${resolved.partnership.slug}_${filters.metrics.join('-')}_${range}_${query.granularity}.csv"`;
  }
  return new Response(body, { headers });
}
