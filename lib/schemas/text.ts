import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';

import { hasControlCharacter } from '@/lib/control-characters';

// Every text field refuses control characters with a message in words instead of storing them or
// failing with a 500 (issue 13, finding 8; the characters are listed in lib/control-characters.ts).
export { hasControlCharacter };
const CONTROL = { test: hasControlCharacter };
const LINE_BREAK = /[\r\n\u2028\u2029]/;

/** A one-line name or title: trimmed, 1..max characters, no control characters or line breaks. */
export function singleLine(label: string, max: number) {
  return z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} has at most ${max.toLocaleString('en-US')} characters.`)
    .refine((v) => !CONTROL.test(v) && !LINE_BREAK.test(v), `${label} cannot contain control characters or line breaks.`);
}

/** Free text over several lines (a summary, a reason): at most `max` characters, no control characters. */
export function multiLine(label: string, max: number) {
  return z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} has at most ${max.toLocaleString('en-US')} characters.`)
    .refine((v) => !CONTROL.test(v), `${label} cannot contain control characters.`);
}

/**
 * A reference sent by a form's hidden field or a URL (an id, a slug): required, short, and never a
 * control character, so a tampered value is refused with a message before it reaches the database.
 */
export function reference(label: string, max = 64) {
  return z
    .string({ error: `Missing ${label}.` })
    .trim()
    .min(1, `Missing ${label}.`)
    .max(max, `That ${label} is not valid.`)
    .refine((v) => !CONTROL.test(v), `That ${label} is not valid (it contains control characters).`);
}

/** An optional filter typed into a search box or a URL: at most `max` characters, no control characters. */
export function filterText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text.` })
    .trim()
    .max(max, `${label} has at most ${max.toLocaleString('en-US')} characters.`)
    .refine((v) => !CONTROL.test(v), `${label} cannot contain control characters.`);
}

export const isoDay = z.string({ error: 'Use a date like 2026-11-23.' }).trim().refine(isIsoDay, 'Use a date like 2026-11-23.');
