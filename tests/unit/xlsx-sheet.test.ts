import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { epochDayToDate } from '@/lib/dates';
import type { CsvPieces } from '@/server/db/copy';
import type { ExportMeta } from '@/server/metrics/export-meta';
import { metaLines } from '@/server/metrics/export-meta';
import { COLUMNS, neutralizeCell } from '@/server/metrics/stream';
import { xlsxSource } from '@/server/metrics/xlsx';

// server/metrics/xlsx-sheet.ts writes the XLSX export's data rows as the XML exceljs 4.4.0 writes
// for them (decision 012, "XLSX memory"): the workbook must be the one exceljs alone makes, part for
// part (docProps/core.xml holds the creation time). If an upgrade changes exceljs's row or cell XML,
// this fails first.

const meta: ExportMeta = {
  partnership: 'p', partnershipName: 'P & <Co>', metrics: ['cards_added'], regions: [], from: null, to: null, granularity: 'day', mode: 'period',
  asOf: '2026-12-04T00:00:00.000Z', buckets: 'b', values: 'v', columns: 'c', partial: [],
};

type Row = [regionId: number, metricId: number, day: number, value: string];

/** What the export wrote before xlsx-sheet.ts: every row through exceljs's addRow (columns' styles shared). */
async function exceljsAlone(names: { regions: { id: number; code: string }[]; metrics: { id: number; key: string }[] }, rows: Row[]): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
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
  const styles = COLUMNS.map((_, i) => sheet.getColumn(i + 1).style ?? {});
  const region = new Map(names.regions.map((r) => [r.id, neutralizeCell(r.code)]));
  const metric = new Map(names.metrics.map((m) => [m.id, neutralizeCell(m.key)]));
  for (const [r, m, day, value] of rows) {
    const row = sheet.addRow([region.get(r)!, metric.get(m)!, epochDayToDate(day), Number(value)]);
    styles.forEach((style, i) => (row.getCell(i + 1).style = style));
    row.commit();
  }
  sheet.commit();
  const about = workbook.addWorksheet('About this export');
  about.columns = [{ key: 'label', width: 14 }, { key: 'value', width: 100 }];
  about.addRow(['Accord metrics export']).commit();
  for (const [label, value] of [...metaLines(meta), ['Rows', String(rows.length)] as [string, string]]) {
    about.addRow([label, label === 'Rows' ? rows.length : neutralizeCell(value)]).commit();
  }
  about.commit();
  await workbook.commit();
  return Buffer.concat(chunks);
}

async function exported(names: Parameters<typeof exceljsAlone>[0], rows: Row[], pieceBytes: number): Promise<Buffer> {
  const text = new TextEncoder().encode(rows.map((r) => `${r.join(',')}\n`).join(''));
  let at = 0;
  const pieces: CsvPieces = {
    next: async () => (at < text.length ? text.subarray(at, (at += pieceBytes)) : null),
    rows: () => rows.length,
    stop: () => {},
  };
  const source = xlsxSource(pieces, names, meta);
  const chunks: Uint8Array[] = [];
  for (let c = await source.next(); c; c = await source.next()) chunks.push(c);
  await source.stop?.(true);
  return Buffer.concat(chunks);
}

async function parts(zip: Buffer): Promise<Record<string, string>> {
  const files = (await JSZip.loadAsync(zip)).files;
  const out: Record<string, string> = {};
  for (const [name, file] of Object.entries(files)) if (!file.dir && name !== 'docProps/core.xml') out[name] = await file.async('string');
  return out;
}

const names = {
  regions: [{ id: 1, code: 'US' }, { id: 7, code: '=HYPERLINK("x")' }, { id: 9, code: 'A&B <c> \'d\' "e"\u0001\u007f\tÉ€𝄞' }],
  metrics: [{ id: 3, key: 'cards_added' }, { id: 4, key: '-payment_volume' }],
};

describe('the XLSX export writes its rows as exceljs would', () => {
  it('makes the same workbook as exceljs alone, part for part', async () => {
    const rows: Row[] = [
      [1, 3, 16363, '12.5'], [7, 3, -1, '-0.0001'], [9, 4, 0, '0'], [1, 4, 20_758, '123456789012345678.12'],
      [9, 3, -25_567, '0.00000012'], [1, 3, 2_932_896, '1000000000000000000000'],
    ];
    for (const pieceBytes of [7, 64 * 1024]) expect(await parts(await exported(names, rows, pieceBytes))).toEqual(await parts(await exceljsAlone(names, rows)));
    expect(await parts(await exported(names, [], 10))).toEqual(await parts(await exceljsAlone(names, [])));
  });

  it('for any rows, days and values (property)', async () => {
    const decimal = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }), fc.integer({ min: 0, max: 6 }))
      .map(([negative, digits, scale]) => {
        const text = digits.toString().padStart(scale + 1, '0');
        const withPoint = scale ? `${text.slice(0, -scale)}.${text.slice(-scale)}`.replace(/\.?0+$/, '') || '0' : text;
        return negative && withPoint !== '0' ? `-${withPoint}` : withPoint;
      });
    const row = fc.tuple(fc.constantFrom(1, 7, 9), fc.constantFrom(3, 4), fc.integer({ min: -30_000, max: 60_000 }), decimal);
    await fc.assert(fc.asyncProperty(fc.array(row, { maxLength: 40 }), fc.integer({ min: 1, max: 400 }), async (rows, pieceBytes) => {
      expect(await parts(await exported(names, rows, pieceBytes))).toEqual(await parts(await exceljsAlone(names, rows)));
    }), { numRuns: 40 });
  });
});
