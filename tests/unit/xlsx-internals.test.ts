import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';

// server/metrics/xlsx.ts waits on the backlog between exceljs's sheet stream and its zip, read
// through exceljs internals (version pinned). If an upgrade moves them, this fails first, instead
// of the XLSX export silently holding every row's XML in memory again.
describe('exceljs internals the XLSX export relies on', () => {
  it('a streaming sheet exposes its pipe into the zip, with node stream states', async () => {
    const out = new PassThrough();
    out.resume();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet('Metrics');
    sheet.addRow(['US', 'cards_added', new Date('2014-10-20T00:00:00Z'), 1]).commit();
    const stream = (sheet as unknown as { stream: { pipes?: { _readableState?: { length: number }; _writableState?: { length: number } }[] } }).stream;
    expect(Array.isArray(stream.pipes)).toBe(true);
    expect(stream.pipes!.length).toBeGreaterThan(0);
    expect(typeof stream.pipes![0]!._readableState?.length).toBe('number');
    expect(typeof stream.pipes![0]!._writableState?.length).toBe('number');
    sheet.commit();
    await workbook.commit();
  });

  // xlsx-sheet.ts writes the data rows' XML into the sheet's stream itself: it numbers them from
  // the sheet's first uncommitted row, takes the style ids from the workbook's registry and reuses
  // its block, since the batched stream copies what it is given before write() returns.
  it('a streaming sheet numbers rows from _rowZero, has a style registry and copies what is written', async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const sheet = workbook.addWorksheet('Metrics');
    sheet.addRow(['US']).commit();
    const internals = sheet as unknown as { _rowZero: number; stream: { write: (b: Buffer) => unknown } };
    expect(internals._rowZero).toBe(2);
    const styles = (workbook as unknown as { styles: { addStyleModel: (s: object, t: ExcelJS.ValueType) => number } }).styles;
    expect(styles.addStyleModel({ numFmt: 'yyyy-mm-dd' }, ExcelJS.ValueType.Date)).toBeGreaterThan(0);
    const block = Buffer.from('<row r="2"/>');
    internals.stream.write(block);
    block.fill(0x20);
    sheet.commit();
    await workbook.commit();
    const xml = await (await JSZip.loadAsync(Buffer.concat(chunks))).file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toContain('</row><row r="2"/></sheetData>');
  });
});
