import { daysBetween, type IsoDay } from './dates';

const dayFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** 2014-10-27 -> "27 Oct 2014" (a calendar day: no time zone shift). */
export function formatDay(day: IsoDay): string {
  let label = dayLabels.get(day);
  if (label === undefined) {
    label = dayFormat.format(new Date(`${day}T00:00:00Z`));
    if (dayLabels.size >= DAY_LABELS_KEPT) dayLabels.clear();
    dayLabels.set(day, label);
  }
  return label;
}

// A dashboard shows a few hundred dates, drawn from a few dozen days: each day is formatted once
// per process (issue 14: 0.9% of a flagship view's CPU went to formatting the same days again).
const DAY_LABELS_KEPT = 4096;
const dayLabels = new Map<string, string>();

/** "due in 5 days", "due today", "3 days overdue". */
export function describeDue(dueOn: IsoDay, today: IsoDay): { text: string; overdue: boolean } {
  const days = daysBetween(today, dueOn);
  if (days === 0) return { text: 'due today', overdue: false };
  if (days > 0) return { text: `due in ${days} day${days === 1 ? '' : 's'}`, overdue: false };
  return { text: `${-days} day${days === -1 ? '' : 's'} overdue`, overdue: true };
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export function formatInteger(value: number): string {
  return integer.format(value);
}

/** Actual ÷ target as the dashboard's "Of target" card and the digest say it: 0.8734 → "87.3%". */
export function formatShareOfTarget(ratio: number): string {
  return `${(ratio * 100).toFixed(1)}%`;
}
