import { addDays, dayToDate, daysBetween, type IsoDay } from './dates';
import type { Granularity } from './granularity';

/** The first day of the period containing `day` (ISO week: Monday; calendar month / quarter). */
export function periodStart(day: IsoDay, granularity: Granularity): IsoDay {
  const d = dayToDate(day);
  if (granularity === 'day') return day;
  if (granularity === 'week') return addDays(day, -((d.getUTCDay() + 6) % 7));
  const month = granularity === 'quarter' ? d.getUTCMonth() - (d.getUTCMonth() % 3) : d.getUTCMonth();
  return new Date(Date.UTC(d.getUTCFullYear(), month, 1)).toISOString().slice(0, 10);
}

export function nextPeriod(start: IsoDay, granularity: Granularity): IsoDay {
  if (granularity === 'day') return addDays(start, 1);
  if (granularity === 'week') return addDays(start, 7);
  const d = dayToDate(start);
  d.setUTCMonth(d.getUTCMonth() + (granularity === 'quarter' ? 3 : 1));
  return d.toISOString().slice(0, 10);
}

/** Every period start from the one containing `from` to the one containing `to`. */
export function periodsBetween(from: IsoDay, to: IsoDay, granularity: Granularity): IsoDay[] {
  const out: IsoDay[] = [];
  for (let p = periodStart(from, granularity); p <= to; p = nextPeriod(p, granularity)) out.push(p);
  return out;
}

/** The last day of the period that starts on `start`. */
export function periodEnd(start: IsoDay, granularity: Granularity): IsoDay {
  return addDays(nextPeriod(start, granularity), -1);
}

/** How much of one period a range holds: `covered` of its `days` (a day is always whole). */
export type PeriodCoverage = { start: IsoDay; days: number; covered: number; partial: boolean };

/**
 * The share of the period starting on `start` that the inclusive range [from, to] covers. A
 * period the range cuts (a 1-day last week) is partial: its sum is not comparable with the whole
 * periods beside it, so charts, tables and exports say so (issue 13, finding 5).
 */
export function periodCoverage(start: IsoDay, granularity: Granularity, from: IsoDay, to: IsoDay): PeriodCoverage {
  const end = periodEnd(start, granularity);
  const first = start > from ? start : from;
  const last = end < to ? end : to;
  const days = daysBetween(start, end) + 1;
  const covered = first <= last ? daysBetween(first, last) + 1 : 0;
  return { start, days, covered, partial: covered < days };
}

/** The periods of [from, to] that the range cuts: at most the first and the last. */
export function partialPeriods(from: IsoDay, to: IsoDay, granularity: Granularity): PeriodCoverage[] {
  if (granularity === 'day' || from > to) return [];
  const ends = [...new Set([periodStart(from, granularity), periodStart(to, granularity)])];
  return ends.map((start) => periodCoverage(start, granularity, from, to)).filter((c) => c.partial);
}

/**
 * The range narrowed to the whole periods inside it (the "Whole periods" choice). When no whole
 * period fits inside, it widens to the one or two periods it touches instead.
 */
export function wholePeriodRange(from: IsoDay, to: IsoDay, granularity: Granularity): { from: IsoDay; to: IsoDay } {
  const firstStart = periodStart(from, granularity);
  const inner = {
    from: firstStart === from ? from : nextPeriod(firstStart, granularity),
    to: periodEnd(periodStart(to, granularity), granularity) === to ? to : addDays(periodStart(to, granularity), -1),
  };
  if (inner.from <= inner.to) return inner;
  return { from: firstStart, to: periodEnd(periodStart(to, granularity), granularity) };
}

/** "3 of 7 days" */
export function describeCoverage(c: PeriodCoverage): string {
  return `${c.covered} of ${c.days} days`;
}
