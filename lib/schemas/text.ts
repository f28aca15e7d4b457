import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';

// Control characters other than tab and line breaks are never meaningful in a name or a note, and
// PostgreSQL refuses NUL outright: refuse them with a message instead of storing or failing on them.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** A one-line name or title: trimmed, 1..max characters, no control characters or line breaks. */
export function singleLine(label: string, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} has at most ${max} characters.`)
    .refine((v) => !CONTROL.test(v) && !LINE_BREAK.test(v), `${label} cannot contain control characters or line breaks.`);
}

/** Free text over several lines (a summary, a reason): at most `max` characters, no control characters. */
export function multiLine(label: string, max: number) {
  return z
    .string()
    .trim()
    .max(max, `${label} has at most ${max} characters.`)
    .refine((v) => !CONTROL.test(v), `${label} cannot contain control characters.`);
}

export const isoDay = z.string({ error: 'Use a date like 2026-11-23.' }).trim().refine(isIsoDay, 'Use a date like 2026-11-23.');
