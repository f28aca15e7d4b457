import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween } from '@/lib/dates';
import { GRANULARITIES } from '@/lib/granularity';
import { partialPeriods, periodCoverage, periodEnd, periodsBetween, periodStart, wholePeriodRange } from '@/lib/periods';

describe('partial periods (issue 13, finding 5)', () => {
  it('an ISO week cut to its Monday is 1 of 7 days; a whole week is not partial', () => {
    // 2014-12-29 is a Monday (ISO week 1 of 2015).
    expect(periodCoverage('2014-12-29', 'week', '2014-10-20', '2014-12-29')).toEqual({ start: '2014-12-29', days: 7, covered: 1, partial: true });
    expect(periodCoverage('2014-12-22', 'week', '2014-10-20', '2014-12-29')).toMatchObject({ covered: 7, partial: false });
    expect(partialPeriods('2014-10-20', '2014-12-29', 'week')).toEqual([{ start: '2014-12-29', days: 7, covered: 1, partial: true }]);
    // a range starting on a Wednesday cuts its first week too
    expect(partialPeriods('2014-10-22', '2014-12-28', 'week').map((c) => [c.start, c.covered])).toEqual([['2014-10-20', 5]]);
  });

  it('months count their own days (February of a leap year, 31-day months)', () => {
    expect(partialPeriods('2016-02-10', '2016-03-31', 'month')).toEqual([{ start: '2016-02-01', days: 29, covered: 20, partial: true }]);
    expect(partialPeriods('2015-01-01', '2015-01-31', 'month')).toEqual([]);
    expect(partialPeriods('2015-01-05', '2015-01-09', 'month')).toEqual([{ start: '2015-01-01', days: 31, covered: 5, partial: true }]);
  });

  it('quarters: Q4 2014 has 92 days; a range ending on 18 Jan cuts Q1 2015', () => {
    expect(partialPeriods('2014-10-01', '2015-01-18', 'quarter')).toEqual([{ start: '2015-01-01', days: 90, covered: 18, partial: true }]);
    expect(periodCoverage('2014-10-01', 'quarter', '2014-10-01', '2014-12-31')).toMatchObject({ days: 92, covered: 92, partial: false });
  });

  it('a day is never partial', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 400 }), (start, length) => {
      const from = addDays('2010-01-01', start);
      expect(partialPeriods(from, addDays(from, length), 'day')).toEqual([]);
    }));
  });

  it('for any range: only the first and last periods can be partial, and "whole periods" leaves none (property)', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 800 }), fc.constantFrom(...GRANULARITIES), (start, length, g) => {
      const from = addDays('2010-01-01', start);
      const to = addDays(from, length);
      const periods = periodsBetween(from, to, g);
      const partial = partialPeriods(from, to, g);
      const all = periods.map((p) => periodCoverage(p, g, from, to));
      expect(all.filter((c) => c.partial)).toEqual(partial);
      expect(all.reduce((n, c) => n + c.covered, 0)).toBe(daysBetween(from, to) + 1);
      for (const c of all.slice(1, -1)) expect(c.partial).toBe(false);
      const whole = wholePeriodRange(from, to, g);
      expect(periodStart(whole.from, g)).toBe(whole.from);
      expect(periodEnd(periodStart(whole.to, g), g)).toBe(whole.to);
      expect(partialPeriods(whole.from, whole.to, g)).toEqual([]);
      // narrowed inside the range when a whole period fits there
      if (all.some((c) => !c.partial)) expect(whole.from >= from && whole.to <= to).toBe(true);
    }));
  });
});
