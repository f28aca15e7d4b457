import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayToDate, type IsoDay } from '@/lib/dates';
import { xlsxRowReader, type XlsxRow } from '@/server/metrics/xlsx-rows';

const names = { regions: [{ id: 1, code: 'US' }, { id: 7, code: '=HYPERLINK' }], metrics: [{ id: 3, key: 'cards_added' }] };
const day = (iso: IsoDay) => Math.round(dayToDate(iso).getTime() / 86_400_000);

function readAll(pieces: string[]): XlsxRow[] {
  const reader = xlsxRowReader(names);
  const rows: XlsxRow[] = [];
  for (const piece of pieces) {
    reader.add(new TextEncoder().encode(piece));
    reader.read((cells) => rows.push([...cells]));
  }
  reader.end();
  return rows;
}

// server/metrics/xlsx-rows.ts reads the XLSX export's rows from COPY's CSV without strings per
// row; its values must be what Number() made of the text rows before (xlsx-sheet.test.ts checks
// the days' serials against exceljs's own).
describe('the XLSX export reads rows of ids, days and values', () => {
  it('names ids (neutralised), keeps days as days since 1970 and turns values into numbers', () => {
    const text = `1,3,${day('2014-10-20')},12.5\n7,3,${day('1969-12-31')},-0.0001\n`;
    expect(readAll([text])).toEqual([
      ['US', 'cards_added', 16363, 12.5],
      ["'=HYPERLINK", 'cards_added', -1, -0.0001],
    ]);
  });

  it('reads values exactly as Number() does and rows cut anywhere between pieces (property)', () => {
    const decimal = fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n - 1n }), fc.integer({ min: 0, max: 4 }))
      .map(([negative, digits, scale]) => {
        const text = digits.toString().padStart(scale + 1, '0');
        const withPoint = scale ? `${text.slice(0, -scale)}.${text.slice(-scale)}` : text;
        return negative && digits !== 0n ? `-${withPoint}` : withPoint;
      });
    fc.assert(fc.property(fc.array(fc.tuple(decimal, fc.integer({ min: -3_000, max: 30_000 })), { minLength: 1, maxLength: 20 }), fc.nat(), (values, at) => {
      const text = values.map(([value, d]) => `1,3,${d},${value}\n`).join('');
      const cut = at % (text.length + 1);
      const rows = readAll([text.slice(0, cut), text.slice(cut)]);
      expect(rows.map((r) => r[3])).toEqual(values.map(([value]) => Number(value)));
      expect(rows.map((r) => r[2])).toEqual(values.map(([, d]) => d));
    }));
  });

  it('refuses unknown ids and a row cut short at the end', () => {
    expect(() => readAll(['2,3,0,1\n'])).toThrow(/unknown region/);
    expect(() => readAll(['1,3,0,1\n1,3,'])).toThrow(/inside a row/);
  });
});
