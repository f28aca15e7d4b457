import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '@/lib/dates';
import { formatPeriod } from '@/lib/format-period';
import { GRANULARITIES } from '@/lib/granularity';

describe('period labels (made once each, kept in a bounded map)', () => {
  it('reads as the period it names, for every granularity and length', () => {
    expect(formatPeriod('2014-10-20', 'day')).toBe('20 Oct');
    expect(formatPeriod('2014-10-20', 'day', true)).toBe('20 Oct 2014');
    expect(formatPeriod('2014-10-20', 'week')).toBe('20 Oct');
    expect(formatPeriod('2014-10-20', 'week', true)).toBe('Week of 20 Oct 2014');
    expect(formatPeriod('2014-10-01', 'month')).toBe('Oct 2014');
    expect(formatPeriod('2014-10-01', 'quarter', true)).toBe('Q4 2014');
  });

  it('gives the same label asked again, and after more labels than the map keeps', () => {
    const day = fc.integer({ min: 0, max: 20_000 }).map((n) => addDays('2000-01-01', n));
    fc.assert(fc.property(day, fc.constantFrom(...GRANULARITIES), fc.boolean(), (start, granularity, long) => {
      const first = formatPeriod(start, granularity, long);
      for (let i = 0; i < 5_000; i += 1) formatPeriod(addDays('1990-01-01', i), 'day', i % 2 === 0); // overflows the map
      expect(formatPeriod(start, granularity, long)).toBe(first);
    }), { numRuns: 20 });
  });
});
