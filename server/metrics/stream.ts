import 'server-only';
import { stringify } from 'csv-stringify/sync';
import { metaLines, type ExportMeta } from './export-meta';
import type { MetricRow } from './rows';

/** Spreadsheet formula injection: text cells starting with = + - @ tab or CR get a leading '. */
export function neutralizeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const COLUMNS = ['region', 'metric', 'period_start', 'value'] as const;

const encoder = new TextEncoder();

// A comment line is one cell starting with '#': no control characters, quotes or commas that
// could split it into cells (a later cell starting with = would be a formula again).
const comment = (text: string) => `# ${text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/"/g, "'").replace(/,/g, ';')}\n`;

export const csvHead = (meta: ExportMeta, withMeta: boolean) =>
  (withMeta ? comment('Accord metrics export') + metaLines(meta).map(([k, v]) => comment(`${k}: ${v}`)).join('') : '') + stringify([[...COLUMNS]]);
// A file that lacks this line was cut short.
export const csvTail = (count: number, withMeta: boolean) => (withMeta ? comment(`Rows: ${count} (end of export)`) : '');

export const jsonHead = (meta: ExportMeta) => `{"meta":${JSON.stringify(meta)},"rows":[`;
export const jsonTail = (count: number) => `],"count":${count}}`;
/** JSON rows; `first` is the number of rows already written (they need a comma before them). */
export const jsonRows = (rows: MetricRow[], first: number) =>
  rows.map((r, i) => `${first + i === 0 ? '' : ','}${JSON.stringify({ region: r.region, metric: r.metric, period_start: r.period_start, value: Number(r.value) })}`).join('');

/** What a file is made of, piece by piece: the database's CSV, encoded rows or a zip's chunks. */
export type FileSource = {
  /** The next piece, or null at the end. */
  next: () => Promise<Uint8Array | null>;
  /** Rows written so far. */
  rows: () => number;
  /** Called once: the file was read to the end (completed) or stopped (cancelled or failed). */
  stop?: (completed: boolean) => Promise<void> | void;
};

export type Done = (count: number, completed: boolean) => Promise<void>;

/**
 * The one lifecycle of every metrics file (CSV, XLSX, JSON): the head, each piece as the client
 * asks for it (its reading pace drives the database: memory stays bounded at any size), then the
 * tail with the row count. `done` (the audit row) runs exactly once: before the last byte when the
 * file is whole, or when the client cancels or the source fails.
 */
export function fileStream(source: FileSource, done: Done, wrap: { head?: string; tail?: (rows: number) => string } = {}): ReadableStream<Uint8Array> {
  let started = false;
  let finished = false;
  const finish = async (completed: boolean) => {
    if (finished) return;
    finished = true;
    await source.stop?.(completed);
    await done(source.rows(), completed);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          if (wrap.head) {
            controller.enqueue(encoder.encode(wrap.head));
            return;
          }
        }
        // Enqueue something on every pull (an empty piece, a part without rows, would stall the stream).
        let piece = await source.next();
        while (piece && !piece.length) piece = await source.next();
        // Cancelled while this piece was read (a client gone, a HEAD answered): nobody reads it.
        if (finished) return;
        if (piece) {
          controller.enqueue(piece);
          return;
        }
        await finish(true);
        const tail = wrap.tail?.(source.rows());
        if (tail) controller.enqueue(encoder.encode(tail));
        controller.close();
      } catch (error) {
        if (finished) return; // the cancel stopped the source under this read: not a failure
        console.error('[accord] metrics file failed', error);
        await finish(false).catch(() => {});
        controller.error(error);
      }
    },
    async cancel() {
      await finish(false);
    },
  });
}

/**
 * Rows read page by page, written as JSON. `tap` sees each written chunk (and null at the end):
 * the JSON API keeps small answers (server/metrics/cache.ts).
 */
export function jsonRowSource(pages: AsyncGenerator<MetricRow[]>, tap?: (chunk: string | null, count: number) => void): FileSource {
  let count = 0;
  return {
    async next() {
      const page = await pages.next();
      if (page.done) {
        tap?.(null, count);
        return null;
      }
      const chunk = jsonRows(page.value, count);
      tap?.(chunk, count);
      count += page.value.length;
      return encoder.encode(chunk);
    },
    rows: () => count,
    async stop(completed) {
      if (!completed) await pages.return(undefined);
    },
  };
}
