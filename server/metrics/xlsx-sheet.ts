import 'server-only';
import { epochDayToDate } from '@/lib/dates';
import type { XlsxRow } from './xlsx-rows';

/** What of exceljs's sheet stream (its StreamBuf, batched) the rows are written to. */
export type SheetStream = { write: (chunk: Buffer) => unknown };

/** exceljs's style ids of the four cells of a data row (0: none, no `s` attribute). */
export type CellStyleIds = readonly [number, number, number, number];

const SCRATCH_BYTES = 256 * 1024;
/** A row's bytes without its names: the markup (~150 bytes), three row numbers, a serial and a value. */
const ROW_BYTES = 256;
const DAY_MS = 86_400_000;

/**
 * The "Metrics" sheet's data rows written as the XML exceljs 4.4.0 (pinned) writes for
 * `sheet.addRow([region, metric, date, value]).commit()` with the columns' styles (row-xform.js and
 * cell-xform.js: strings as `t="str"` cells without shared strings, the date as its serial, numbers
 * as `String(n)`), byte for byte (tests/unit/xlsx-sheet.test.ts compares both workbooks), straight
 * into the sheet's stream in blocks of ~256 kB: no Row, Cell, model or XML string per row. exceljs
 * made ~45 MB of such garbage per million rows, promoted while its strings waited in the sheet's
 * buffers (decision 012, "XLSX memory"). Each name is XML-encoded once, each day's serial made once.
 * The block is reused: exceljs's batched StreamBuf copies what it is given before `write` returns
 * (its own `_write` reuses one buffer so too; the internals test checks it).
 */
export function sheetRowWriter(stream: SheetStream, firstRow: number, styleIds: CellStyleIds) {
  const style = (id: number) => (id ? ` s="${id}"` : '');
  const ascii = (text: string) => Buffer.from(text, 'latin1');
  const ROW = ascii('<row r="');
  const CELL_A = ascii('" spans="1:4" x14ac:dyDescent="0.25"><c r="A');
  const VALUE_A = ascii(`"${style(styleIds[0])} t="str"><v>`);
  const CELL_B = ascii('</v></c><c r="B');
  const VALUE_B = ascii(`"${style(styleIds[1])} t="str"><v>`);
  const CELL_C = ascii('</v></c><c r="C');
  const VALUE_C = ascii(`"${style(styleIds[2])}><v>`);
  const CELL_D = ascii('</v></c><c r="D');
  const VALUE_D = ascii(`"${style(styleIds[3])}><v>`);
  const END = ascii('</v></c></row>');
  const names = new Map<string, Buffer>();
  const serials = new Map<number, Buffer>();
  let block = Buffer.allocUnsafe(SCRATCH_BYTES);
  let at = 0;
  let number = firstRow;

  const put = (bytes: Uint8Array) => {
    block.set(bytes, at);
    at += bytes.length;
  };
  const putInteger = (n: number) => {
    let length = 1;
    for (let x = n; x >= 10; x = Math.floor(x / 10)) length += 1;
    for (let i = at + length - 1, x = n; i >= at; i--, x = Math.floor(x / 10)) block[i] = 0x30 + (x % 10);
    at += length;
  };
  const nameBytes = (name: string) => {
    let bytes = names.get(name);
    if (!bytes) names.set(name, (bytes = Buffer.from(xmlEncode(name), 'utf8')));
    return bytes;
  };
  // exceljs's dateToExcel(): 25569 + getTime() / 86400000 (no time zone), as String().
  const serialBytes = (day: number) => {
    let bytes = serials.get(day);
    if (!bytes) serials.set(day, (bytes = ascii(String(25569 + epochDayToDate(day).getTime() / DAY_MS))));
    return bytes;
  };

  function flush() {
    if (at) stream.write(block.subarray(0, at));
    at = 0;
  }

  /** One data row, numbered after the last. */
  function write(cells: XlsxRow) {
    const region = nameBytes(cells[0]);
    const metric = nameBytes(cells[1]);
    const need = ROW_BYTES + region.length + metric.length;
    if (at + need > block.length) {
      flush();
      if (need > block.length) block = Buffer.allocUnsafe(need);
    }
    put(ROW);
    putInteger(number);
    put(CELL_A);
    putInteger(number);
    put(VALUE_A);
    put(region);
    put(CELL_B);
    putInteger(number);
    put(VALUE_B);
    put(metric);
    put(CELL_C);
    putInteger(number);
    put(VALUE_C);
    put(serialBytes(cells[2]));
    put(CELL_D);
    putInteger(number);
    put(VALUE_D);
    at += block.write(String(cells[3]), at, 'latin1');
    put(END);
    number += 1;
  }

  return { write, flush, nextRow: () => number };
}

/** exceljs 4.4.0's xmlEncode (lib/utils/utils.js): the five entities; other C0 controls but tab, LF and CR, and DEL, dropped. */
function xmlEncode(text: string): string {
  let out = '';
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (code === 34) out += '&quot;';
    else if (code === 38) out += '&amp;';
    else if (code === 39) out += '&apos;';
    else if (code === 60) out += '&lt;';
    else if (code === 62) out += '&gt;';
    else if (code === 127 || (code <= 31 && code !== 9 && code !== 10 && code !== 13)) continue;
    else out += char;
  }
  return out;
}

export type SheetRowWriter = ReturnType<typeof sheetRowWriter>;
