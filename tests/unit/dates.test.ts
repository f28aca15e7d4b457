import { describe, expect, it } from 'vitest';
import { addDays, type IsoDay, dateToDay, dayToDate, daysBetween, epochDayToDate, isIsoDay, isValidTimeZone, todayIn } from '@/lib/dates';
import { describeDue, formatDay } from '@/lib/format';

describe('calendar days', () => {
  it('round-trips a day through the Date Prisma uses for @db.Date', () => {
    expect(dayToDate('2014-10-20').toISOString()).toBe('2014-10-20T00:00:00.000Z');
    expect(dateToDay(dayToDate('2016-02-29'))).toBe('2016-02-29');
  });

  it('rejects impossible dates', () => {
    expect(isIsoDay('2015-02-29')).toBe(false);
    expect(isIsoDay('2014-13-01')).toBe(false);
    expect(isIsoDay('20141020')).toBe(false);
    expect(() => dayToDate('2015-02-29')).toThrow(RangeError);
  });

  it('adds and counts days across month, year and DST boundaries', () => {
    expect(addDays('2014-10-31', 1)).toBe('2014-11-01');
    expect(addDays('2016-12-31', 1)).toBe('2017-01-01');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09'); // US DST starts: still one day
    expect(daysBetween('2014-10-20', '2014-10-22')).toBe(2);
    expect(daysBetween('2026-11-23', '2026-11-17')).toBe(-6);
  });

  it("gives today's date in each region's own calendar", () => {
    const instant = new Date('2014-10-20T20:00:00Z'); // evening in New York, next morning in Shanghai
    expect(todayIn('America/New_York', instant)).toBe('2014-10-20');
    expect(todayIn('Asia/Shanghai', instant)).toBe('2014-10-21');
    expect(isValidTimeZone('Asia/Hong_Kong')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });

  it('formats days and due dates in words', () => {
    expect(formatDay('2014-10-27')).toBe('27 Oct 2014');
    // Each day's label is kept once formatted; past the bound the labels are made again, the same.
    expect(formatDay('2014-10-27')).toBe('27 Oct 2014');
    for (let i = 0; i < 5000; i++) {
      const day = new Date(Date.UTC(2000, 0, 1 + i)).toISOString().slice(0, 10) as IsoDay;
      expect(formatDay(day)).toBe(new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T00:00:00Z`)));
    }
    expect(formatDay('2014-10-27')).toBe('27 Oct 2014');
    expect(describeDue('2026-11-17', '2026-11-23')).toEqual({ text: '6 days overdue', overdue: true });
    expect(describeDue('2026-11-24', '2026-11-23')).toEqual({ text: 'due in 1 day', overdue: false });
    expect(describeDue('2026-11-23', '2026-11-23')).toEqual({ text: 'due today', overdue: false });
  });
});

describe('epochDayToDate', () => {
  it('is the same Date as dayToDate for every day from 1900 to 2100', () => {
    for (let day = '1900-01-01', n = daysBetween('1970-01-01', '1900-01-01'); day <= '2100-12-31'; day = addDays(day, 1), n += 1) {
      expect(epochDayToDate(n).getTime()).toBe(dayToDate(day).getTime());
    }
  });
});
