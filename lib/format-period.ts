import type { IsoDay } from './dates';
import type { Granularity } from './granularity';

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayMonthYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** A period's label: "20 Oct" (day), "Week of 20 Oct 2014", "Oct 2014", "Q4 2014". */
export function formatPeriod(start: IsoDay, granularity: Granularity, long = false): string {
  const d = new Date(`${start}T00:00:00Z`);
  if (granularity === 'day') return (long ? dayMonthYear : dayMonth).format(d);
  if (granularity === 'week') return long ? `Week of ${dayMonthYear.format(d)}` : dayMonth.format(d);
  if (granularity === 'month') return monthYear.format(d);
  return `Q${Math.floor(d.getUTCMonth() / 3) + 1} ${d.getUTCFullYear()}`;
}

const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
export function formatCompact(value: number): string {
  return compact.format(value);
}
