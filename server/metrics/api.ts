import 'server-only';
import type { MetricsQuery } from '@/lib/schemas/metrics-api';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { authorize } from '@/server/auth/guard';
import { db } from '@/server/db';
import { exportFileName, exportMeta } from './export-meta';
import { resolveMetricsQuery } from './rows';
import { streamMetricRows } from './stream';
import { viewRowPages } from './view';
import { streamMetricXlsx } from './xlsx';

const CONTENT_TYPES = {
  json: 'application/json; charset=utf-8',
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** A file leaves Accord: CSV and XLSX always, JSON when downloaded from the explorer. */
export const isExport = (q: MetricsQuery) => q.format !== 'json' || q.download;

/**
 * The metrics of one view, streamed as JSON, CSV or XLSX: the same rows the explorer shows.
 * Reading JSON needs metrics.read (checked by the route). An export needs metrics.export and is
 * written to the audit trail with its filters, row count and whether the client read it all.
 */
export async function metricsResponse(actor: Actor, slug: string, query: MetricsQuery): Promise<Response> {
  const exporting = isExport(query);
  if (exporting) authorize(actor, 'metrics.export');
  const resolved = await resolveMetricsQuery(slug, query);
  const meta = exportMeta(resolved, new Date());
  const done = async (rows: number, completed: boolean) => {
    if (!exporting) return;
    await recordAudit(db, actor, {
      entityType: 'Partnership', entityId: resolved.partnership.id, action: 'metrics.exported', partnershipId: resolved.partnership.id,
      context: {
        via: query.download ? 'explorer' : 'api', format: query.format, rows, completed,
        filters: { metrics: meta.metrics, regions: query.regions, from: query.from, to: query.to, granularity: query.granularity, mode: query.mode },
      },
    });
  };
  const pages = viewRowPages(resolved);
  const body = query.format === 'xlsx'
    ? streamMetricXlsx(pages, meta, done)
    : streamMetricRows(pages, query.format, meta, { withMeta: query.download }, done);
  const headers: Record<string, string> = {
    'Cache-Control': 'no-store',
    'Content-Type': CONTENT_TYPES[query.format],
    'X-Accord-As-Of': meta.asOf,
    'X-Accord-Buckets': meta.buckets,
  };
  if (exporting) headers['Content-Disposition'] = `attachment; filename="${exportFileName(meta, query.format)}"`;
  return new Response(body, { headers });
}
