import { describe, expect, it } from 'vitest';
import { defaultBackoffMs, everyMinutes, everyRecurringJobEachMinute } from '@/server/jobs/schedule';
import { JOBS } from '@/server/jobs/registry';

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

  it('for end-to-end tests, every recurring job of the registry comes due each minute; the rest are unchanged', () => {
    const at = new Date('2026-12-07T08:15:30Z');
    const compressed = everyRecurringJobEachMinute(JOBS);
    expect(Object.keys(compressed)).toEqual(Object.keys(JOBS));
    const recurring = Object.keys(JOBS).filter((kind) => JOBS[kind]!.every);
    expect(recurring.filter((kind) => JOBS[kind]!.every!(at).getTime() - at.getTime() > 60_000).length, 'jobs due less often than each minute').toBeGreaterThan(3);
    for (const kind of recurring) {
      expect(compressed[kind]!.every!(at).toISOString(), kind).toBe('2026-12-07T08:16:00.000Z');
      expect(compressed[kind]!.every!(new Date('2026-12-07T08:16:00Z')).toISOString(), kind).toBe('2026-12-07T08:17:00.000Z');
      expect(compressed[kind]!.run, kind).toBe(JOBS[kind]!.run);
    }
    for (const kind of Object.keys(JOBS).filter((k) => !JOBS[k]!.every)) expect(compressed[kind], kind).toBe(JOBS[kind]);
  });
});
