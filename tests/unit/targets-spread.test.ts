import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysInMonth, formatScaled, isMonth, MAX_MONTHLY_TARGET, monthBounds, parseMonthlyFigure, precisionUnit, spreadMonthly } from '@/lib/rules/targets';

const month = fc.tuple(fc.integer({ min: 2000, max: 2100 }), fc.integer({ min: 1, max: 12 })).map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
const figure = fc.bigInt({ min: 0n, max: MAX_MONTHLY_TARGET * 10_000n });

describe('the monthly target spread', () => {
  it('knows month lengths, leap years included', () => {
    expect(['2027-01', '2027-02', '2028-02', '2000-02', '2100-02', '2027-04', '2027-12'].map(daysInMonth)).toEqual([31, 28, 29, 29, 28, 30, 31]);
    expect(monthBounds('2028-02')).toEqual({ first: '2028-02-01', last: '2028-02-29' });
    expect(['2027-13', '2027-00', '27-01', '2027-1', '1999-12', '2101-01', ''].some(isMonth)).toBe(false);
  });

  it('for any month and figure: one row per day, days sum exactly to the figure, none negative, at most one unit of the precision of the figure apart', () => {
    fc.assert(
      fc.property(month, figure, (m, scaled) => {
        const days = spreadMonthly(m, scaled);
        expect(days.length).toBe(daysInMonth(m));
        expect(days.map((d) => d.day)).toEqual(Array.from({ length: days.length }, (_, i) => `${m}-${String(i + 1).padStart(2, '0')}`));
        expect(days.reduce((sum, d) => sum + d.scaled, 0n)).toBe(scaled);
        const units = days.map((d) => d.scaled);
        expect(units.every((u) => u >= 0n)).toBe(true);
        const max = units.reduce((a, b) => (a > b ? a : b));
        const min = units.reduce((a, b) => (a < b ? a : b));
        const unit = precisionUnit(scaled);
        expect(max - min <= unit).toBe(true);
        expect(units.every((u) => u % unit === 0n)).toBe(true); // whole cards stay whole cards
        // The larger days come first, and each day's text is exact decimal text of its units.
        expect([...units].sort((a, b) => (a > b ? -1 : a < b ? 1 : 0))).toEqual(units);
        expect(days.every((d) => parseMonthlyFigure(d.value).ok && (parseMonthlyFigure(d.value) as { scaled: bigint }).scaled === d.scaled)).toBe(true);
      }),
      { numRuns: 2000, seed: 12_2026 },
    );
  });

  it('spreads worked examples in the precision of the figure: 100 cards, 100.0 and 100.0000 over 30 days', () => {
    const whole = spreadMonthly('2027-04', 1_000_000n); // "100": whole cards
    expect(whole.map((d) => d.value)).toEqual([...Array(10).fill('4'), ...Array(20).fill('3')]);
    const scaled = (text: string) => (parseMonthlyFigure(text) as { scaled: bigint }).scaled;
    expect(spreadMonthly('2027-04', scaled('100.5'))[0]!.value).toBe('3.4'); // tenths: 1005 tenths = 15 x 34 + 15 x 33
    const fine = spreadMonthly('2027-04', 1_000_001n); // 100.0001: four decimals
    expect(fine[0]!.value).toBe('3.3334');
    expect(fine.at(-1)!.value).toBe('3.3333');
  });

  it('reads figures: exact text, and refuses negative, too precise, absurd or non-numbers with a reason', () => {
    expect(parseMonthlyFigure('1234.5')).toEqual({ ok: true, scaled: 12_345_000n, text: '1234.5' });
    expect(parseMonthlyFigure(' 1_000 ')).toMatchObject({ ok: true, text: '1000' });
    expect(parseMonthlyFigure(0.1)).toMatchObject({ ok: true, text: '0.1' });
    expect(parseMonthlyFigure('1000000000000000')).toMatchObject({ ok: true });
    expect(parseMonthlyFigure('-0')).toMatchObject({ ok: true, text: '0' });
    const refused: [string | number, RegExp][] = [
      ['-1', /Negative/], ['1.23456', /more than 4 decimal/], ['1000000000000000.0001', /too large/], ['1e5', /not a number/],
      ['1,000', /not a number/], ['abc', /not a number/], ['', /missing/], [Number.NaN, /not a number/], [Infinity, /not a number/], [1e300, /too large/],
    ];
    for (const [input, reason] of refused) expect(parseMonthlyFigure(input)).toMatchObject({ ok: false, reason: expect.stringMatching(reason) });
    expect(formatScaled(5n)).toBe('0.0005');
  });
});
