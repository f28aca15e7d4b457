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

type Writer = { head: () => string; rows: (rows: MetricRow[], first: number) => string; tail: (count: number) => string };

// A comment line is one cell starting with '#': no control characters, quotes or commas that
// could split it into cells (a later cell starting with = would be a formula again).
const comment = (text: string) => `# ${text.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/"/g, "'").replace(/,/g, ';')}\n`;

export const csvHead = (meta: ExportMeta, withMeta: boolean) =>
  (withMeta ? comment('Accord metrics export') + metaLines(meta).map(([k, v]) => comment(`${k}: ${v}`)).join('') : '') + stringify([[...COLUMNS]]);
// A file that lacks this line was cut short.
export const csvTail = (count: number, withMeta: boolean) => (withMeta ? comment(`Rows: ${count} (end of export)`) : '');

function csvWriter(meta: ExportMeta, withMeta: boolean): Writer {
  return {
    head: () => csvHead(meta, withMeta),
    rows: (rows) => stringify(rows.map((r) => [neutralizeCell(r.region), neutralizeCell(r.metric), neutralizeCell(r.period_start), r.value])),
    tail: (count) => csvTail(count, withMeta),
  };
}

function jsonWriter(meta: ExportMeta): Writer {
  return {
    head: () => `{"meta":${JSON.stringify(meta)},"rows":[`,
    rows: (rows, first) => rows.map((r, i) => `${first + i === 0 ? '' : ','}${JSON.stringify({ region: r.region, metric: r.metric, period_start: r.period_start, value: Number(r.value) })}`).join(''),
    tail: (count) => `],"count":${count}}`,
  };
}

/**
 * Streams rows as JSON or CSV while they are read page by page: memory stays bounded whatever the
 * size. `done` runs once, with the row count and whether the client read to the end.
 */
export function streamMetricRows(
  pages: AsyncGenerator<MetricRow[]>,
  format: 'json' | 'csv',
  meta: ExportMeta,
  options: { withMeta: boolean; tap?: (rowsChunk: string | null, count: number) => void },
  done: (count: number, completed: boolean) => Promise<void>,
): ReadableStream<Uint8Array> {
  const writer = format === 'json' ? jsonWriter(meta) : csvWriter(meta, options.withMeta);
  let count = 0;
  let started = false;
  let finished = false;
  const finish = async (completed: boolean) => {
    if (finished) return;
    finished = true;
    await done(count, completed);
  };
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        if (!started) {
          started = true;
          controller.enqueue(encoder.encode(writer.head()));
        }
        const next = await pages.next();
        if (next.done) {
          options.tap?.(null, count);
          controller.enqueue(encoder.encode(writer.tail(count)));
          await finish(true);
          controller.close();
          return;
        }
        const chunk = writer.rows(next.value, count);
        options.tap?.(chunk, count);
        controller.enqueue(encoder.encode(chunk));
        count += next.value.length;
      } catch (error) {
        console.error('[accord] metrics stream failed', error);
        await finish(false).catch(() => {});
        controller.error(error);
      }
    },
    async cancel() {
      await pages.return(undefined);
      await finish(false);
    },
  });
}
