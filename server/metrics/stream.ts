import 'server-only';
import { stringify } from 'csv-stringify/sync';
import type { MetricRow } from './rows';

/** Spreadsheet formula injection: text cells starting with = + - @ tab or CR get a leading '. */
export function neutralizeCell(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export const BUCKET_CONVENTION = "Each region's local calendar day; weeks are ISO weeks starting Monday; months and quarters are calendar ones.";

const encoder = new TextEncoder();

/**
 * Streams rows as JSON or CSV while they are read page by page: memory stays bounded whatever the
 * size. `done` runs once, with the row count and whether the client read to the end.
 */
export function streamMetricRows(
  pages: AsyncGenerator<MetricRow[]>,
  format: 'json' | 'csv',
  meta: Record<string, unknown>,
  done: (count: number, completed: boolean) => Promise<void>,
): ReadableStream<Uint8Array> {
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
          controller.enqueue(encoder.encode(format === 'json'
            ? `{"meta":${JSON.stringify(meta)},"rows":[`
            : stringify([['region', 'metric', 'period_start', 'value']])));
        }
        const next = await pages.next();
        if (next.done) {
          if (format === 'json') controller.enqueue(encoder.encode(`],"count":${count}}`));
          await finish(true);
          controller.close();
          return;
        }
        const rows = next.value;
        const chunk =
          format === 'json'
            ? rows.map((r, i) => `${count + i === 0 ? '' : ','}${JSON.stringify({ region: r.region, metric: r.metric, period_start: r.period_start, value: Number(r.value) })}`).join('')
            : stringify(rows.map((r) => [neutralizeCell(r.region), neutralizeCell(r.metric), neutralizeCell(r.period_start), r.value]));
        count += rows.length;
        controller.enqueue(encoder.encode(chunk));
      } catch (error) {
        console.error('[accord] metrics stream failed', error);
        await finish(false).catch(() => {});
        controller.error(error);
      }
    },
    async cancel() {
      await finish(false);
    },
  });
}
