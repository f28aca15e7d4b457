import 'server-only';
import { neutralizeCell } from './stream';

/** One row of the XLSX export's "Metrics" sheet: region code, metric key, period start (days since 1970-01-01), value. */
export type XlsxRow = [region: string, metric: string, periodDay: number, value: number];

export type RowNames = { regions: readonly { id: number; code: string }[]; metrics: readonly { id: number; key: string }[] };

const COMMA = 0x2c;
const NEWLINE = 0x0a;
const MINUS = 0x2d;
const DOT = 0x2e;

/**
 * Reads the XLSX export's rows from the CSV of `viewSql(view, 'ids')` (region_id, metric_id,
 * period_day, value; digits, '-' and '.' only, so never quoted), piece by piece as COPY sends it,
 * without a string or an object per row of its own: the region and metric names are the query's,
 * neutralised once; the day stays a number (xlsx-sheet.ts writes it as the serial exceljs would
 * for dayToDate()); the value becomes the same number as Number(text). Reading `pg` rows as objects
 * made ~180 MB of garbage per million rows, which V8 promoted and kept until a full collection: the
 * XLSX export's peak (decision 012, "XLSX memory"). A piece may end inside a row (COPY's pieces are
 * cut where the socket's chunks are): the cut row is finished with the next piece.
 */
export function xlsxRowReader(names: RowNames) {
  const regions = new Map(names.regions.map((r) => [r.id, neutralizeCell(r.code)]));
  const metrics = new Map(names.metrics.map((m) => [m.id, neutralizeCell(m.key)]));
  let bytes: Buffer = Buffer.alloc(0);
  let start = 0;
  const cells: XlsxRow = ['', '', 0, 0];

  /** The next piece, after what is left of the last one (a row cut between them). */
  function add(piece: Uint8Array) {
    const next = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    bytes = start < bytes.length ? Buffer.concat([bytes.subarray(start), next]) : next;
    start = 0;
  }

  /** Calls `row` for each whole row added (`cells` is reused: copy what you keep); answers how many. */
  function read(row: (cells: XlsxRow) => void): number {
    let count = 0;
    for (let end = bytes.indexOf(NEWLINE, start); end !== -1; end = bytes.indexOf(NEWLINE, start)) {
      const c1 = bytes.indexOf(COMMA, start);
      const c2 = bytes.indexOf(COMMA, c1 + 1);
      const c3 = bytes.indexOf(COMMA, c2 + 1);
      if (c1 === -1 || c3 === -1 || c3 > end) throw new Error(`Not a row of region, metric, day and value: ${bytes.toString('latin1', start, end)}`);
      const region = regions.get(integerAt(bytes, start, c1));
      const metric = metrics.get(integerAt(bytes, c1 + 1, c2));
      if (region === undefined || metric === undefined) throw new Error(`A row names an unknown region or metric: ${bytes.toString('latin1', start, end)}`);
      cells[0] = region;
      cells[1] = metric;
      cells[2] = integerAt(bytes, c2 + 1, c3);
      cells[3] = decimalAt(bytes, c3 + 1, end);
      row(cells);
      count += 1;
      start = end + 1;
    }
    return count;
  }

  /** After the last piece: a rest would be a row cut short. */
  function end() {
    if (start < bytes.length) throw new Error('The export ended inside a row.');
  }

  return { add, read, end };
}
function integerAt(bytes: Buffer, from: number, to: number): number {
  const negative = bytes[from] === MINUS;
  let n = 0;
  for (let i = negative ? from + 1 : from; i < to; i++) {
    const digit = bytes[i]! - 0x30;
    if (digit < 0 || digit > 9 || i - from > 15) throw new Error(`Not an integer: ${bytes.toString('latin1', from, to)}`);
    n = n * 10 + digit;
  }
  return negative ? -n : n;
}

/**
 * The decimal text as a number, exactly as Number(text): digits and scale as integers, then one
 * division, which IEEE 754 rounds correctly when both are exact (below 2^53 and 10^22), so it is
 * the double nearest the decimal, as Number() is. Otherwise (20 significant digits) Number() itself.
 */
function decimalAt(bytes: Buffer, from: number, to: number): number {
  const negative = bytes[from] === MINUS;
  const first = negative ? from + 1 : from;
  let digits = 0;
  let scale = -1;
  for (let i = first; i < to; i++) {
    const b = bytes[i]!;
    if (b === DOT && scale === -1) {
      scale = 0;
      continue;
    }
    const digit = b - 0x30;
    if (digit < 0 || digit > 9) return Number(bytes.toString('latin1', from, to));
    digits = digits * 10 + digit;
    if (scale !== -1) scale += 1;
  }
  if (to === first || digits > Number.MAX_SAFE_INTEGER || scale > 22 || scale === 0) return Number(bytes.toString('latin1', from, to));
  const value = scale > 0 ? digits / 10 ** scale : digits;
  return negative ? -value : value;
}
