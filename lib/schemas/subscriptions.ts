import { z } from 'zod';
import { isValidTimeZone } from '@/lib/dates';
import { reference } from './text';

/**
 * A mail subscription (issue 16): a digest of the deals, or an export of a saved explorer view, at
 * a local time in the person's own time zone. The same schema for the mail page's form and
 * POST /api/v1/subscriptions. Upper or lower case is accepted for the kinds and cadences.
 */
const lower = (v: unknown) => (typeof v === 'string' ? v.trim().toLowerCase() : v);
const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const SUBSCRIPTION_KINDS = ['digest', 'export'] as const;
export const CADENCES = ['daily', 'weekly', 'monthly'] as const;

export const createSubscriptionSchema = z
  .object({
    kind: z.preprocess(lower, z.enum(SUBSCRIPTION_KINDS, { error: 'Choose a digest ("digest") or a scheduled export ("export").' })),
    cadence: z.preprocess(lower, z.enum(CADENCES, { error: 'How often: daily, weekly or monthly.' })).default('weekly'),
    day: z.preprocess(blankToUndefined, z.coerce.number({ error: 'The day is a whole number.' }).int('The day is a whole number.').min(1, 'The day is 1 to 7 for a weekday (1 is Monday), or 1 to 28 of the month.').max(28, 'The day of the month is 1 to 28, so that every month has it.')).default(1),
    localTime: z.string({ error: 'The time is required, like 08:00.' }).trim().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Write the time as hours and minutes on a 24-hour clock, like 08:00.'),
    timeZone: z.string({ error: 'The time zone is required, like Europe/London.' }).trim().max(64, 'That is not a time zone name.').refine(isValidTimeZone, 'That is not a time zone name Accord knows: use one like Europe/London or Asia/Shanghai.'),
    // A digest of one partnership (its web address); none: those the person owns or watches.
    partnership: z.preprocess(blankToUndefined, reference('partnership', 200).optional()),
    // An export: the saved metrics view and the file's format.
    savedViewId: z.preprocess(blankToUndefined, reference('saved view').optional()),
    format: z.preprocess(lower, z.enum(['csv', 'xlsx'], { error: 'The file is csv or xlsx.' })).default('csv'),
  })
  .superRefine((v, ctx) => {
    if (v.cadence === 'weekly' && v.day > 7) ctx.addIssue({ code: 'custom', path: ['day'], message: 'A weekday is 1 (Monday) to 7 (Sunday).' });
    if (v.kind === 'export' && !v.savedViewId) ctx.addIssue({ code: 'custom', path: ['savedViewId'], message: 'Choose the saved explorer view to export.' });
  });

export type CreateSubscriptionInput = z.infer<typeof createSubscriptionSchema>;

export const subscriptionIdSchema = z.object({ id: reference('subscription') });
