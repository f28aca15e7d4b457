import 'server-only';
import { parseMetricsQuery } from '@/lib/schemas/metrics-api';
import type { Actor } from '@/server/auth/actor';
import { ValidationError } from '@/server/errors';
import { metricsResponse } from '@/server/metrics/api';

/** An attachment above this goes as a link that needs sign-in instead (issue 16). */
export const ATTACHMENT_LIMIT_BYTES = 10 * 1024 * 1024;

export type ScheduledExport =
  | { kind: 'file'; fileName: string; contentType: string; bytes: Uint8Array; href: string }
  | { kind: 'link'; href: string; bytes: number };

/**
 * A saved explorer view exported exactly as the explorer's export button does (the same route
 * code, `metricsResponse`, with the view's filters and format=csv|xlsx&download=1), as the
 * subscriber: their permission to export is checked, and the export is in the audit trail. Read
 * into memory up to 10 MB; a larger file is stopped there and sent as a link instead.
 */
export async function exportSavedView(actor: Actor, viewQuery: string, format: 'csv' | 'xlsx'): Promise<ScheduledExport> {
  const params = new URLSearchParams(viewQuery);
  const slug = params.get('partnership') ?? '';
  params.delete('partnership');
  params.set('format', format);
  params.set('download', '1');
  const href = `/api/v1/partnerships/${encodeURIComponent(slug)}/metrics?${params.toString()}`;
  const parsed = parseMetricsQuery(params);
  if ('problem' in parsed) throw new ValidationError(`The saved view’s filters no longer work: ${parsed.problem.message}`);
  const response = await metricsResponse(actor, slug, parsed.query);
  const reader = response.body!.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > ATTACHMENT_LIMIT_BYTES) {
      await reader.cancel('larger than an attachment may be');
      return { kind: 'link', href, bytes: size };
    }
    parts.push(value);
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? `accord-export.${format}`;
  return { kind: 'file', fileName, contentType: response.headers.get('content-type') ?? 'application/octet-stream', bytes: Buffer.concat(parts), href };
}
