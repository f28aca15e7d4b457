import { describe, expect, it } from 'vitest';
import { defaultBackoffMs, everyMinutes } from '@/server/jobs/schedule';

describe('recurring job times and retry waits (server/jobs/schedule.ts)', () => {
  it('every N minutes falls on the multiples of N since the epoch, strictly after the given time', () => {
    const hourly = everyMinutes(60);
    expect(hourly(new Date('2026-12-07T08:00:00Z')).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(hourly(new Date('2026-12-07T08:59:59.999Z')).toISOString()).toBe('2026-12-07T09:00:00.000Z');
    expect(everyMinutes(24 * 60)(new Date('2026-12-31T23:30:00Z')).toISOString()).toBe('2027-01-01T00:00:00.000Z');
    expect(everyMinutes(15)(new Date('2026-12-07T08:14:00Z')).toISOString()).toBe('2026-12-07T08:15:00.000Z');
  });

  it('the default backoff doubles from 10 s, stays within ±20%, and stops growing at an hour', () => {
    expect([1, 2, 3, 4].map((n) => defaultBackoffMs(n, () => 0.5))).toEqual([10_000, 20_000, 40_000, 80_000]);
    expect(defaultBackoffMs(1, () => 0)).toBe(8_000);
    expect(defaultBackoffMs(1, () => 1)).toBe(12_000);
    expect(defaultBackoffMs(30, () => 0.5)).toBe(3_600_000);
  });
});
