import 'server-only';
import { IMPORT_LIMITS, type ImportProgress, type ImportReport } from '@/lib/metrics-import';
import { importParamsSchema } from '@/lib/schemas/metrics-import';
import type { Actor } from '@/server/auth/actor';
import { errorResponse } from '@/server/api/respond';
import { BadParameterError, TooLargeError, ValidationError } from '@/server/errors';
import { importMetrics, type ImportInput, type OnProgress } from './run';

/** Runs one kind of import (metrics, or targets: server/targets/import.ts) for the request. */
export type Importer = (actor: Actor, slug: string, input: ImportInput, onProgress?: OnProgress) => Promise<ImportReport>;

const MEGABYTES = Math.round(IMPORT_LIMITS.maxBytes / 1024 / 1024);

/** The CSV from the body: raw text/csv, or the `file` field of a multipart form. Bounded, UTF-8. */
async function readCsv(request: Request): Promise<{ text: string; fileName: string | null }> {
  const declared = Number(request.headers.get('content-length') ?? 0);
  if (declared > IMPORT_LIMITS.maxBytes) throw new TooLargeError(`The file is larger than ${MEGABYTES} MB; split it into smaller files.`);
  const type = request.headers.get('content-type') ?? '';
  if (type.startsWith('multipart/form-data')) {
    const form = await request.formData().catch(() => null);
    const file = form?.get('file');
    if (!(file instanceof File)) throw new ValidationError('Send the CSV as the "file" field of the form.');
    if (file.size > IMPORT_LIMITS.maxBytes) throw new TooLargeError(`The file is larger than ${MEGABYTES} MB; split it into smaller files.`);
    return { text: decode(new Uint8Array(await file.arrayBuffer())), fileName: file.name };
  }
  if (!request.body) throw new ValidationError('Send the CSV file as the request body (Content-Type: text/csv).');
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      throw new ValidationError('The upload was cut off before its end; nothing was imported. Send the file again.');
    });
    if (done) break;
    size += value.byteLength;
    if (size > IMPORT_LIMITS.maxBytes) {
      await reader.cancel();
      throw new TooLargeError(`The file is larger than ${MEGABYTES} MB; split it into smaller files.`);
    }
    chunks.push(value);
  }
  return { text: decode(Buffer.concat(chunks)), fileName: null };
}

function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new ValidationError('The file is not UTF-8 text. Save it as "CSV UTF-8" and try again.');
  }
}

const statusOf = (report: ImportReport) => (report.dryRun || report.committed ? 200 : 422);
const messageOf = (report: ImportReport) =>
  report.committed
    ? `Imported ${report.rows} rows: ${report.inserted} new, ${report.updated} changed, ${report.unchanged} unchanged.`
    : report.problemCount
      ? `${report.problemCount} problem${report.problemCount === 1 ? '' : 's'} found; nothing was imported.`
      : `Ready to import ${report.rows} rows: ${report.inserted} new, ${report.updated} changed, ${report.unchanged} unchanged.`;

/**
 * POST /api/v1/partnerships/{slug}/metrics/import (and …/targets/import with `importer`). JSON by
 * default; with Accept: application/x-ndjson the answer streams progress lines, then one result
 * line, so a large import shows how far it has got.
 */
export async function importResponse(actor: Actor, slug: string, request: Request, importer: Importer = importMetrics): Promise<Response> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const params = importParamsSchema.safeParse(query);
  if (!params.success) {
    const issue = params.error.issues[0]!;
    const parameter = (issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0])).slice(0, 40) || '(empty name)';
    throw new BadParameterError(parameter, issue.code === 'unrecognized_keys' ? `Unknown parameter "${parameter.slice(0, 40)}". Use dry_run, file_name.` : issue.message);
  }
  const dryRun = params.data.dry_run === '1' || params.data.dry_run === 'true';
  const { text, fileName } = await readCsv(request);
  const input = { text, dryRun, fileName: params.data.file_name || fileName || 'upload.csv' };

  if (!(request.headers.get('accept') ?? '').includes('application/x-ndjson')) {
    const report = await importer(actor, slug, input);
    const status = statusOf(report);
    const message = messageOf(report);
    return Response.json({ ...(status >= 400 ? { error: message } : {}), message, ...report }, { status, headers: { 'Cache-Control': 'no-store' } });
  }
  const encoder = new TextEncoder();
  // A client that stops reading (a tab closed) does not stop the import: it was asked for, and it
  // ends whole or not at all, audited if written. Its lines are then no longer sent.
  let gone = false;
  const body = new ReadableStream<Uint8Array>({
    async start(controller) {
      const send = (line: unknown) => {
        if (!gone) controller.enqueue(encoder.encode(`${JSON.stringify(line)}\n`));
      };
      let last = 0;
      const progress = (p: ImportProgress) => {
        const now = Date.now();
        if (now - last < 100 && p.done < p.total) return;
        last = now;
        send({ type: 'progress', ...p });
      };
      try {
        const report = await importer(actor, slug, input, progress);
        send({ type: 'result', status: statusOf(report), message: messageOf(report), ...report });
      } catch (error) {
        const response = errorResponse(error);
        send({ type: 'error', status: response.status, ...(await response.json()) });
      }
      if (!gone) controller.close();
    },
    cancel() {
      gone = true;
    },
  });
  return new Response(body, { headers: { 'Content-Type': 'application/x-ndjson; charset=utf-8', 'Cache-Control': 'no-store' } });
}
