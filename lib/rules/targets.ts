/**
 * The activation plan's one spread rule (issue 12, item 7). A monthly target for a region and metric
 * is stored as one row per calendar day of that month (the region's own calendar: every date of the
 * month), the same daily grain as actual values, so actual and target aggregate the same way.
 *
 * The days must sum to the monthly figure exactly, with no float drift: the figure is worked in
 * 1/10,000 units (the scale of NUMERIC(20,4)) as a BigInt, floor-divided by the number of days, and
 * the remainder is handed out one unit at a time to the first days. So days differ by at most one
 * unit, none is negative, and their sum is the figure.
 */
import type { IsoDay } from '@/lib/dates';

export type Month = string; // 'YYYY-MM'

const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);
/** The largest monthly figure accepted: 10^15 (anything above is a typo, not a plan). */
export const MAX_MONTHLY_TARGET = 10n ** 15n;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
/** Months a plan may name: wide enough for any real plan, narrow enough to refuse typos. */
export const TARGET_YEARS = { min: 2000, max: 2100 } as const;

export function isMonth(value: string): value is Month {
  const m = MONTH.exec(value);
  return !!m && Number(m[1]) >= TARGET_YEARS.min && Number(m[1]) <= TARGET_YEARS.max;
}

export function daysInMonth(month: Month): number {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

/** The first and last calendar day of a month. */
export function monthBounds(month: Month): { first: IsoDay; last: IsoDay } {
  return { first: `${month}-01`, last: `${month}-${String(daysInMonth(month)).padStart(2, '0')}` };
}

export const monthsOfYear = (year: number): Month[] => Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, '0')}`);

export type ParsedFigure = { ok: true; scaled: bigint; text: string } | { ok: false; reason: string };

/**
 * Reads a monthly figure typed by a person or found in a file: digits with an optional decimal point
 * (at most 4 decimals), not negative, at most 10^15. Underscores and spaces as digit groups are
 * tolerated; thousands commas are not (ambiguous with decimal commas).
 */
export function parseMonthlyFigure(input: string | number): ParsedFigure {
  const raw = typeof input === 'number' ? (Number.isFinite(input) ? numberText(input) : String(input)) : input;
  const text = raw.trim().replace(/[_\s]/g, '');
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  if (!text) return { ok: false, reason: 'The value is missing.' };
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return { ok: false, reason: `"${shown}" is not a number: write digits with an optional decimal point, no thousands separators.` };
  if (text.startsWith('-') && /[1-9]/.test(text)) return { ok: false, reason: `Negative target ${shown}: a target cannot be below zero.` };
  const [whole = '', fraction = ''] = text.replace(/^[+-]/, '').split('.');
  if (fraction.replace(/0+$/, '').length > SCALE) return { ok: false, reason: `Target ${shown} has more than ${SCALE} decimal places.` };
  const scaled = BigInt(whole || '0') * FACTOR + BigInt(fraction.replace(/0+$/, '').padEnd(SCALE, '0'));
  if (scaled > MAX_MONTHLY_TARGET * FACTOR) return { ok: false, reason: `Target ${shown} is too large: at most 1,000,000,000,000,000 a month.` };
  return { ok: true, scaled, text: formatScaled(scaled) };
}

/** A JS number as plain decimal digits (never exponent notation). */
function numberText(n: number): string {
  const s = String(n);
  if (!/e/i.test(s)) return s;
  return Math.abs(n) >= 1 ? BigInt(Math.trunc(n)).toString() : n.toFixed(SCALE + 2);
}

/** Scaled units back to the shortest decimal text ("1234.5", "0"). */
export function formatScaled(scaled: bigint): string {
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const fraction = (abs % FACTOR).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${abs / FACTOR}${fraction ? `.${fraction}` : ''}`;
}

/** Decimal text (as the database returns it) to scaled units. */
export function toScaledUnits(text: string): bigint {
  const parsed = parseMonthlyFigure(text);
  if (!parsed.ok) throw new RangeError(parsed.reason);
  return parsed.scaled;
}

/**
 * The precision a figure was given in, in 1/10,000 units: 10,000 for whole numbers ("3000" cards),
 * 1,000 for one decimal, ... 1 for four. A spread hands out whole units of it, so a whole number of
 * cards becomes whole cards per day (never 96.7741 cards) and every sum stays exact.
 */
export function precisionUnit(scaled: bigint): bigint {
  let unit = 10_000n;
  while (unit > 1n && scaled % unit !== 0n) unit /= 10n;
  return unit;
}

/**
 * The day rows of one monthly figure: every day of the month, in order, summing exactly to it, in
 * the figure's own precision (precisionUnit); the remainder goes one unit at a time to the first
 * days. `scaled` is the figure in 1/10,000 units (from parseMonthlyFigure).
 */
export function spreadMonthly(month: Month, scaled: bigint): { day: IsoDay; scaled: bigint; value: string }[] {
  if (!isMonth(month)) throw new RangeError(`Not a month: ${month}`);
  if (scaled < 0n) throw new RangeError('A target cannot be negative.');
  const days = daysInMonth(month);
  const unit = precisionUnit(scaled);
  const units = scaled / unit;
  const n = BigInt(days);
  const base = units / n; // BigInt division floors for non-negative numbers
  const remainder = Number(units - base * n); // < days, so a small number
  return Array.from({ length: days }, (_, i) => {
    const share = (base + (i < remainder ? 1n : 0n)) * unit;
    return { day: `${month}-${String(i + 1).padStart(2, '0')}`, scaled: share, value: formatScaled(share) };
  });
}
