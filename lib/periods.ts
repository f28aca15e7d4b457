import { addDays, dayToDate, type IsoDay } from './dates';
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
