/**
 * Calendar days. A "day" in Accord is a date in a region's own calendar (YYYY-MM-DD), never a UTC
 * timestamp cut at midnight. Prisma maps a @db.Date column to a JS Date at 00:00 UTC; these helpers
 * convert between that representation and ISO day strings without any local-time arithmetic.
 */
export type IsoDay = string; // 'YYYY-MM-DD'

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isIsoDay(value: string): value is IsoDay {
  const m = ISO_DAY.exec(value);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === value;
}

/** The Date Prisma expects for a @db.Date column. */
export function dayToDate(day: IsoDay): Date {
  if (!isIsoDay(day)) throw new RangeError(`Not a calendar date: ${day}`);
  return new Date(`${day}T00:00:00.000Z`);
}

const DAY_MS = 86_400_000;

/** The same Date as dayToDate() for a day given as days since 1970-01-01 (the XLSX export's rows). */
export function epochDayToDate(days: number): Date {
  return new Date(days * DAY_MS);
}

export function dateToDay(date: Date): IsoDay {
  return date.toISOString().slice(0, 10);
}

export function addDays(day: IsoDay, days: number): IsoDay {
  const d = dayToDate(day);
  d.setUTCDate(d.getUTCDate() + days);
  return dateToDay(d);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDay, to: IsoDay): number {
  return Math.round((dayToDate(to).getTime() - dayToDate(from).getTime()) / DAY_MS);
}

/** Today's date in the given IANA time zone (a region's own calendar). */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDay {
  return dayFormatIn(timeZone).format(now);
}

// One formatter per zone: building an Intl.DateTimeFormat costs far more than formatting with one,
// and pages ask for today's date in the same few zones on every request (issue 14).
const DAY_FORMATS = new Map<string, Intl.DateTimeFormat>();
function dayFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = DAY_FORMATS.get(timeZone);
  if (!format) {
    // en-CA formats as YYYY-MM-DD. Throws for an unknown zone, and then nothing is kept.
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    if (DAY_FORMATS.size < 1000) DAY_FORMATS.set(timeZone, format);
  }
  return format;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    dayFormatIn(timeZone);
    return true;
  } catch {
    return false;
  }
}
