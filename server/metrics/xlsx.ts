import 'server-only';
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import type { CsvPieces } from '@/server/db/copy';
import { metaLines, type ExportMeta } from './export-meta';
import { COLUMNS, neutralizeCell, type FileSource } from './stream';
import { epochDayToDate } from '@/lib/dates';
import { xlsxRowReader, type RowNames, type XlsxRow } from './xlsx-rows';
import { sheetRowWriter, type CellStyleIds, type SheetRowWriter, type SheetStream } from './xlsx-sheet';

const HIGH_WATER = 4 * 1024 * 1024;
/** exceljs's value types of a data row's cells, for its style ids (cell-xform.js asks so). */
const CELL_TYPES = [ExcelJS.ValueType.String, ExcelJS.ValueType.String, ExcelJS.ValueType.Date, ExcelJS.ValueType.Number];

/**
 * An XLSX workbook as a file source (stream.ts gives it its lifecycle): sheet "Metrics" with typed
 * cells (text, dates as dates, numbers as numbers) in exceljs's streaming writer (no shared
 * strings, so nothing accumulates per row; the data rows' XML written by xlsx-sheet.ts as exceljs
 * would write it), then sheet "About this export" with the filters, conventions and row count.
 * The rows come as the CSV of the view's ids, days and values (`viewCsv(…, 'ids')`), named from
 * `names` (xlsx-rows.ts). The producer waits while the client has not read what was written:
 * memory stays bounded.
 */
export function xlsxSource(pieces: CsvPieces, names: RowNames, meta: ExportMeta): FileSource {
  const out = new PassThrough({ highWaterMark: HIGH_WATER });
  let count = 0;
  let cancelled = false;
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

  // The pieces (on PostgreSQL a COPY and its connection) are let go once, when the rows are all
  // read, the export is cancelled, or making the workbook failed.
  let letGo!: () => void;
  const piecesLetGo = new Promise<void>((resolve) => (letGo = resolve));
  let stopped = false;
  const stopPieces = (whole: boolean) => {
    if (stopped) return;
    stopped = true;
    pieces.stop(whole);
    letGo();
  };

  void (async () => {
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
    const sheetInternals = sheet as unknown as { stream: SheetStream & NonNullable<typeof sheetStream>; _rowZero: number };
    sheetStream = sheetInternals.stream;
    const rows = xlsxRowReader(names);
    let whole = false;
    try {
      // The first data row goes through exceljs (addRow, commit), which registers the styles as it
      // always did; each cell gets its column's style object itself, not a copy per cell (what
      // addRow makes), so exceljs finds its id by identity. The rows after it are written as the
      // same XML by xlsx-sheet.ts, with the ids exceljs gave those styles (decision 012, "XLSX memory").
      const styles = COLUMNS.map((_, i) => sheet.getColumn(i + 1).style ?? {});
      const written: { writer?: SheetRowWriter } = {};
      const write = (cells: XlsxRow) => {
        if (written.writer) return written.writer.write(cells);
        const row = sheet.addRow([cells[0], cells[1], epochDayToDate(cells[2]), cells[3]]);
        styles.forEach((style, i) => (row.getCell(i + 1).style = style));
        row.commit();
        const { styles: registry } = workbook as unknown as { styles: { addStyleModel: (style: object, type: ExcelJS.ValueType) => number } };
        const ids = CELL_TYPES.map((type, i) => registry.addStyleModel(styles[i]!, type)) as unknown as CellStyleIds;
        written.writer = sheetRowWriter(sheetInternals.stream, sheetInternals._rowZero, ids);
      };
      for (let piece = await pieces.next(); piece && !cancelled; piece = await pieces.next()) {
        rows.add(piece);
        count += rows.read(write);
        written.writer?.flush();
        await drained();
      }
      if (cancelled) return;
      rows.end();
      // exceljs numbers any later row after the ones written here.
      if (written.writer) sheetInternals._rowZero = written.writer.nextRow();
      whole = true;
    } finally {
      stopPieces(whole);
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
  })().catch((error: unknown) => {
    stopPieces(false);
    // The reader learns of it through the stream (the lifecycle logs it and records the audit row).
    if (!cancelled) out.destroy(error as Error);
  });
  const chunks = out[Symbol.asyncIterator]();
  return {
    async next() {
      const next = await chunks.next();
      return next.done ? null : new Uint8Array(next.value as Buffer);
    },
    rows: () => count,
    async stop(completed) {
      if (completed) return;
      cancelled = true;
      out.destroy();
      // The producer sees `cancelled` once its current piece is read, and lets the pieces go. Not
      // waiting for the producer itself: once every row is written it waits in exceljs's commit
      // for the destroyed stream to finish, which it never does (a cancelled export under 4 MB
      // then never ended: no audit row, its workbook kept). Nothing of the database is held after.
      await piecesLetGo;
    },
  };
}
