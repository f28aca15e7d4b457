import type { IsoDay } from './dates';
import type { Granularity } from './granularity';

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone: 'UTC' });
const dayMonthYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
const monthYear = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

// Labels are asked for again and again (each table row's title, each chart tick, on every view):
// Intl's formatting is the cost, so each label is made once (bounded: the map starts over when full).
const labels = new Map<string, string>();
const MAX_LABELS = 4096;

/** A period's label: "20 Oct" (day), "Week of 20 Oct 2014", "Oct 2014", "Q4 2014". */
export function formatPeriod(start: IsoDay, granularity: Granularity, long = false): string {
  const key = `${start}|${granularity}|${long ? 1 : 0}`;
  let label = labels.get(key);
  if (label === undefined) {
    if (labels.size >= MAX_LABELS) labels.clear();
    labels.set(key, (label = labelOf(start, granularity, long)));
  }
  return label;
}

function labelOf(start: IsoDay, granularity: Granularity, long: boolean): string {
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
