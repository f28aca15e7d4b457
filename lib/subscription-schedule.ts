import { TZDate } from '@date-fns/tz';
import { addDays, todayIn, type IsoDay } from './dates';

export type Cadence = 'DAILY' | 'WEEKLY' | 'MONTHLY';
export type MailSchedule = { cadence: Cadence; day: number; localTime: string; timeZone: string };

export const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

/** ISO weekday of a calendar day: 1 Monday … 7 Sunday. */
function isoWeekday(day: IsoDay): number {
  const d = new Date(`${day}T00:00:00Z`).getUTCDay();
  return d === 0 ? 7 : d;
}

/**
 * When a mail on this schedule is next due, strictly after `after`: the local time on the chosen
 * days, in the person's own time zone (a well-kept library, @date-fns/tz, turns the local time
 * into an instant; a time that a clock change skips becomes the first minute after it).
 */
export function nextOccurrence(s: MailSchedule, after: Date): Date {
  const [hh, mm] = s.localTime.split(':').map(Number) as [number, number];
  const start = todayIn(s.timeZone, after);
  for (let i = 0; i <= 62; i += 1) {
    const day = addDays(start, i);
    const dayOfMonth = Number(day.slice(8, 10));
    const fits = s.cadence === 'DAILY' || (s.cadence === 'WEEKLY' ? isoWeekday(day) === s.day : dayOfMonth === s.day);
    if (!fits) continue;
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const at = new Date(new TZDate(y, m - 1, d, hh, mm, s.timeZone).getTime());
    if (at.getTime() > after.getTime()) return at;
  }
  throw new Error(`No occurrence of ${JSON.stringify(s)} in the two months after ${after.toISOString()}.`);
}

/** "Every Monday at 08:00 (Europe/London)". */
export function describeSchedule(s: MailSchedule): string {
  const when = s.cadence === 'DAILY' ? 'Every day' : s.cadence === 'WEEKLY' ? `Every ${WEEKDAYS[s.day - 1] ?? 'week'}` : `On day ${s.day} of every month`;
  return `${when} at ${s.localTime} (${s.timeZone})`;
}
