import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
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
});
