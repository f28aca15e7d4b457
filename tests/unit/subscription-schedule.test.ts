import { describe, expect, it } from 'vitest';
import { describeSchedule, nextOccurrence } from '@/lib/subscription-schedule';

describe('mail schedules in a person’s own time zone (issue 16)', () => {
  it('weekly at a local time: the next Monday 08:00 in London, Shanghai and New York', () => {
    const after = new Date('2026-12-02T12:00:00Z'); // a Wednesday
    expect(nextOccurrence({ cadence: 'WEEKLY', day: 1, localTime: '08:00', timeZone: 'Europe/London' }, after).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(nextOccurrence({ cadence: 'WEEKLY', day: 1, localTime: '08:00', timeZone: 'Asia/Shanghai' }, after).toISOString()).toBe('2026-12-07T00:00:00.000Z');
    expect(nextOccurrence({ cadence: 'WEEKLY', day: 1, localTime: '08:00', timeZone: 'America/New_York' }, after).toISOString()).toBe('2026-12-07T13:00:00.000Z');
  });

  it('strictly after: the same minute gives the next one; daily and monthly', () => {
    const s = { cadence: 'DAILY' as const, day: 1, localTime: '07:30', timeZone: 'UTC' };
    expect(nextOccurrence(s, new Date('2026-12-02T07:30:00Z')).toISOString()).toBe('2026-12-03T07:30:00.000Z');
    expect(nextOccurrence(s, new Date('2026-12-02T07:29:59Z')).toISOString()).toBe('2026-12-02T07:30:00.000Z');
    expect(nextOccurrence({ cadence: 'MONTHLY', day: 1, localTime: '06:00', timeZone: 'Asia/Tokyo' }, new Date('2026-12-02T00:00:00Z')).toISOString()).toBe('2026-12-31T21:00:00.000Z');
  });

  it('follows the clock changes: summer time in London, and a time the change skips', () => {
    const weekly = { cadence: 'WEEKLY' as const, day: 1, localTime: '08:00', timeZone: 'Europe/London' };
    expect(nextOccurrence(weekly, new Date('2027-03-25T00:00:00Z')).toISOString()).toBe('2027-03-29T07:00:00.000Z');
    // 01:30 does not exist in London on 28 March 2027 (clocks go 01:00 → 02:00): the first minute after.
    const skipped = nextOccurrence({ cadence: 'DAILY', day: 1, localTime: '01:30', timeZone: 'Europe/London' }, new Date('2027-03-27T12:00:00Z'));
    expect(skipped.toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('in words', () => {
    expect(describeSchedule({ cadence: 'WEEKLY', day: 1, localTime: '08:00', timeZone: 'Europe/London' })).toBe('Every Monday at 08:00 (Europe/London)');
    expect(describeSchedule({ cadence: 'MONTHLY', day: 3, localTime: '09:15', timeZone: 'UTC' })).toBe('On day 3 of every month at 09:15 (UTC)');
  });
});
