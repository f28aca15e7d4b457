import { z } from 'zod';
import { isMonth, parseMonthlyFigure, TARGET_YEARS } from '@/lib/rules/targets';
import { cellField, seenField } from '@/lib/target-fields';
import { reference } from './text';

/**
 * Targets (issue 12, item 7): one schema for the targets page's form and PUT
 * /api/v1/partnerships/{slug}/targets. A cell is a region, a metric and a month; its value is a
 * monthly figure (spread over the month's days by lib/rules/targets.ts), or blank/null to clear it.
 */
const code = (label: string) =>
  z
    .string({ error: `The ${label} is required.` })
    .trim()
    .min(1, `The ${label} is required.`)
    .max(64, `The ${label} has at most 64 characters.`)
    .regex(/^[A-Za-z0-9_-]+$/, { error: (i) => `"${String(i.input).slice(0, 40)}" is not a valid ${label}.` });

/** A monthly figure as text or number; '' or null clears the month. Normalized to exact decimal text. */
const figure = z
  .union([z.string().max(64, 'A target has at most 64 characters.'), z.number(), z.null()], { error: 'A target is a number, or empty to clear the month.' })
  .transform((v, ctx) => {
    if (v === null || (typeof v === 'string' && v.trim() === '')) return null;
    const parsed = parseMonthlyFigure(v);
    if (parsed.ok) return parsed.text;
    ctx.addIssue({ code: 'custom', message: parsed.reason });
    return z.NEVER;
  });

export const targetCellSchema = z
  .object({
    region: code('region').transform((v) => v.toUpperCase()),
    metric: code('metric'),
    month: z.string({ error: 'The month is required.' }).trim().refine(isMonth, `Use a month like 2027-01 (YYYY-MM), ${TARGET_YEARS.min}–${TARGET_YEARS.max}.`),
    value: figure,
    /** the monthly figure the editor saw (null: empty); when given, a different current figure is a 409 */
    expected: figure.optional(),
  })
  .strict();
export type TargetCellInput = z.infer<typeof targetCellSchema>;

export const MAX_TARGET_CELLS = 1200; // 10 regions x 10 metrics x 12 months

const cells = z
  .array(targetCellSchema, { error: 'targets must be a list of { region, metric, month, value }.' })
  .max(MAX_TARGET_CELLS, `At most ${MAX_TARGET_CELLS} targets at once.`)
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      const key = `${c.region}|${c.metric}|${c.month}`;
      if (seen.has(key)) ctx.addIssue({ code: 'custom', path: [i], message: `${c.region} ${c.metric} ${c.month} is listed twice.` });
      seen.add(key);
    });
  });

/** PUT /api/v1/partnerships/{slug}/targets body. */
export const putTargetsSchema = z.object({ targets: cells }, { error: 'Send { "targets": [...] }.' }).strict();

/** The save command: the API body plus the partnership. */
export const saveTargetsSchema = z.object({
  partnershipSlug: reference('partnership', 200),
  targets: cells,
});
export type SaveTargetsInput = z.infer<typeof saveTargetsSchema>;

/** GET /api/v1/partnerships/{slug}/targets and the page's URL: a year, optionally one metric. */
export const targetsQuerySchema = z
  .object({
    year: z.coerce
      .number({ error: 'year must be a year like 2027.' })
      .int('year must be a year like 2027.')
      .min(TARGET_YEARS.min, `year is between ${TARGET_YEARS.min} and ${TARGET_YEARS.max}.`)
      .max(TARGET_YEARS.max, `year is between ${TARGET_YEARS.min} and ${TARGET_YEARS.max}.`)
      .optional(),
    metric: code('metric').optional(),
  })
  .strict();

export { cellField, seenField };

/**
 * A grid form's fields as the save command's input: only cells whose text differs from what the
 * editor saw are changes, each with that figure as its expected value (the concurrency check).
 */
export function gridFormToInput(raw: Record<string, unknown>): { partnershipSlug: unknown; targets: unknown[] } {
  const targets: unknown[] = [];
  for (const [name, value] of Object.entries(raw)) {
    const m = /^target\|([^|]{1,64})\|([^|]{1,64})\|([^|]{1,16})$/.exec(name);
    if (!m) continue;
    const seen = raw[seenField(m[1]!, m[2]!, m[3]!)];
    const typed = typeof value === 'string' ? value.trim() : value;
    if (typeof seen === 'string' && typed === seen.trim()) continue;
    targets.push({ region: m[1], metric: m[2], month: m[3], value: typed, ...(typeof seen === 'string' ? { expected: seen } : {}) });
    if (targets.length > MAX_TARGET_CELLS) break;
  }
  return { partnershipSlug: raw.partnershipSlug, targets };
}
