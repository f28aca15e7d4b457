import 'server-only';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { dayToDate } from '@/lib/dates';
import { metaLines, type ExportMeta } from './export-meta';
import type { MetricRow } from './rows';
import { COLUMNS, neutralizeCell } from './stream';

const HIGH_WATER = 4 * 1024 * 1024;

/**
 * Streams an XLSX workbook: sheet "Metrics" with typed cells (text, dates as dates, numbers as
 * numbers) written row by row through exceljs's streaming writer (no shared strings, so nothing
 * accumulates per row), then sheet "About this export" with the filters, conventions and row count.
 * The producer waits while the client has not read what was written: memory stays bounded.
 */
export function streamMetricXlsx(
  pages: AsyncGenerator<MetricRow[]>,
  meta: ExportMeta,
  done: (count: number, completed: boolean) => Promise<void>,
): ReadableStream<Uint8Array> {
  const out = new PassThrough({ highWaterMark: HIGH_WATER });
  let count = 0;
  let cancelled = false;
  let audited: () => void = () => {};
  const auditDone = new Promise<void>((resolve) => (audited = resolve));
  const drained = () => (out.readableLength < HIGH_WATER || cancelled ? Promise.resolve() : new Promise<void>((resolve) => {
    const check = () => (out.readableLength < HIGH_WATER || cancelled ? resolve() : setTimeout(check, 5));
    check();
  }));

  void (async () => {
    try {
      const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
      workbook.creator = 'Accord';
      const sheet = workbook.addWorksheet('Metrics', { views: [{ state: 'frozen', ySplit: 1 }] });
      sheet.columns = [
        { header: COLUMNS[0], key: 'region', width: 10 },
        { header: COLUMNS[1], key: 'metric', width: 18 },
        { header: COLUMNS[2], key: 'period_start', width: 14, style: { numFmt: 'yyyy-mm-dd' } },
        { header: COLUMNS[3], key: 'value', width: 16, style: { numFmt: '#,##0.####' } },
      ];
      sheet.getRow(1).font = { bold: true };
      sheet.getRow(1).commit();
      for await (const page of pages) {
        for (const r of page) {
          sheet.addRow([neutralizeCell(r.region), neutralizeCell(r.metric), dayToDate(r.period_start), Number(r.value)]).commit();
        }
        count += page.length;
        await drained();
        if (cancelled) {
          await pages.return(undefined);
          break;
        }
      }
      sheet.commit();
      const about = workbook.addWorksheet('About this export');
      about.columns = [{ key: 'label', width: 14 }, { key: 'value', width: 100 }];
      about.addRow(['Accord metrics export']).commit();
      for (const [label, value] of [...metaLines(meta), ['Rows', String(count)] as [string, string]]) {
        about.addRow([label, label === 'Rows' ? count : neutralizeCell(value)]).commit();
      }
      about.commit();
      await workbook.commit();
      await done(count, !cancelled);
    } catch (error) {
      console.error('[accord] XLSX export failed', error);
      await done(count, false).catch(() => {});
      out.destroy(error as Error);
    } finally {
      audited();
    }
  })();
  // The client sees the end of the file only once the export is in the audit trail.
  const chunks = out[Symbol.asyncIterator]();
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await chunks.next();
      if (next.done) {
        await auditDone;
        controller.close();
      } else controller.enqueue(new Uint8Array(next.value as Buffer));
    },
    cancel() {
      cancelled = true;
      out.destroy();
    },
  });
}
