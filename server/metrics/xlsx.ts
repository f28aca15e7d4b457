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
  // exceljs 4.4.0 (pinned) hands each sheet's XML to the zip without waiting for it: compression
  // is slower than the rows, so that backlog grew with the export (+190 MB of buffers at 1M rows).
  // Wait for it (what the sheet stream's pipe into the zip holds) as well as for the client.
  type Pipe = { _readableState?: { length: number }; _writableState?: { length: number } };
  let sheetStream: { pipes?: Pipe[] } | undefined;
  const buffered = (p: Pipe) => (p._readableState?.length ?? 0) + (p._writableState?.length ?? 0);
  const backlog = () => out.readableLength + (sheetStream?.pipes ?? []).reduce((n, p) => n + buffered(p), 0);
  const drained = () => (backlog() < HIGH_WATER || cancelled ? Promise.resolve() : new Promise<void>((resolve) => {
    const check = () => (backlog() < HIGH_WATER || cancelled ? resolve() : setTimeout(check, 2));
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
      sheetStream = (sheet as unknown as { stream: typeof sheetStream }).stream;
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
