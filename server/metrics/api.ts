import 'server-only';
import type { MetricsQuery } from '@/lib/schemas/metrics-api';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { authorize } from '@/server/auth/guard';
import { db } from '@/server/db';
import { exportFileName, exportMeta } from './export-meta';
import { CACHE_LIMITS, cachedAnswer, keepAnswer, metricsDataVersion } from './cache';
import { metricSpan } from './aggregate';
import { findMetricsReader, resolveFor, viewCsv, viewRowPages, type ResolvedQuery } from './rows';

type MetricsReader = Awaited<ReturnType<typeof findMetricsReader>>;
import { csvHead, csvTail, fileStream, jsonHead, jsonRowSource, jsonTail, type FileSource } from './stream';
import { xlsxSource } from './xlsx';

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
  // Partners export what they may read: resolveFor holds the view to their partnerships and metrics.
  if (exporting) authorize(actor, 'metrics.export', { partners: 'scoped' });
  const reader = await findMetricsReader(actor, slug);
  if (!exporting) return jsonAnswer(reader, query);
  const resolved = await resolveFor(reader.partnership, reader.visible, query);
  const span = await spanWhenOpen(resolved);
  const meta = exportMeta(resolved, new Date(), span);
  const done = async (rows: number, completed: boolean) => {
    await recordAudit(db, actor, {
      entityType: 'Partnership', entityId: resolved.partnership.id, action: 'metrics.exported', partnershipId: resolved.partnership.id,
      context: {
        via: query.download ? 'explorer' : 'api', format: query.format, rows, completed,
        filters: { metrics: meta.metrics, regions: query.regions, from: query.from, to: query.to, granularity: query.granularity, mode: query.mode },
      },
    });
  };
  // CSV comes straight from the database's COPY (server/db/copy.ts chooses how), and so do the
  // XLSX export's rows, as ids and numbers it names itself (xlsx-rows.ts); JSON reads the view's
  // rows a part at a time. One lifecycle for all three (fileStream).
  const source: FileSource = query.format === 'csv'
    ? await viewCsv(resolved, span)
    : query.format === 'xlsx' ? xlsxSource(await viewCsv(resolved, span, 'ids'), resolved, meta) : jsonRowSource(viewRowPages(resolved, span));
  const wrap = query.format === 'csv'
    ? { head: csvHead(meta, query.download), tail: (rows: number) => csvTail(rows, query.download) }
    : query.format === 'json' ? { head: jsonHead(meta), tail: jsonTail } : {};
  const body = fileStream(source, done, wrap);
  return new Response(body, {
    headers: { ...answerHeaders(meta, query.format), 'Content-Disposition': `attachment; filename="${exportFileName(meta, query.format)}"` },
  });
}

/** The data's first and last day, read only when the view leaves its range open at one end. */
const spanWhenOpen = (q: ResolvedQuery) => (q.query.from && q.query.to ? null : metricSpan(q.partnership.id));

function answerHeaders(meta: { asOf: string; buckets: string }, format: MetricsQuery['format'], cache?: 'hit' | 'miss'): Record<string, string> {
  return {
    'Cache-Control': 'no-store',
    'Content-Type': CONTENT_TYPES[format],
    'X-Accord-As-Of': meta.asOf,
    'X-Accord-Buckets': meta.buckets,
    ...(cache ? { 'X-Accord-Cache': cache } : {}),
  };
}

/**
 * A JSON read (not an export): answered from the in-process cache while the metrics data version
 * is unchanged (server/metrics/cache.ts), otherwise streamed and kept for next time when small.
 * The as-of time is always now: the version check proves the numbers are current.
 */
async function jsonAnswer(reader: MetricsReader, query: MetricsQuery): Promise<Response> {
  // The answer depends on the metrics its reader may see (issue 17): they are part of the key.
  const visible = reader.visible.map((m) => m.id);
  const key = JSON.stringify([reader.partnership.id, visible, query.metrics, query.regions, query.from, query.to, query.granularity, query.mode]);
  const version = await metricsDataVersion(); // read with the request's other versions (the route)
  const asOf = new Date().toISOString();
  const hit = cachedAnswer(key, version);
  if (hit) {
    const meta = { ...hit.meta, asOf };
    const body = Buffer.concat([Buffer.from(`{"meta":${JSON.stringify(meta)},"rows":[`), hit.rows, Buffer.from(`],"count":${hit.count}}`)]);
    return new Response(body, { headers: answerHeaders(meta, 'json', 'hit') });
  }
  const resolved = await resolveFor(reader.partnership, reader.visible, query);
  const span = await spanWhenOpen(resolved);
  const meta = exportMeta(resolved, new Date(asOf), span);
  const kept: string[] = [];
  let size = 0;
  const tap = (chunk: string | null, count: number) => {
    if (size > CACHE_LIMITS.entryBytes) return;
    if (chunk === null) keepAnswer(key, { version, meta, rows: Buffer.from(kept.join('')), count });
    else {
      kept.push(chunk);
      size += chunk.length;
    }
  };
  const body = fileStream(jsonRowSource(viewRowPages(resolved, span), tap), async () => {}, { head: jsonHead(meta), tail: jsonTail });
  return new Response(body, { headers: answerHeaders(meta, 'json', 'miss') });
}
