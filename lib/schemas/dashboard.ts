import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';
import { RANGE_PRESETS } from '@/lib/granularity';

const day = z.string().trim().refine(isIsoDay, 'Use a date like 2026-11-23.');

/** Dashboard view state kept in the URL. Unknown or bad values fall back to defaults. */
export const dashboardParamsSchema = z
  .object({
    range: z.enum(RANGE_PRESETS).optional(),
    from: day.optional(),
    to: day.optional(),
    since: day.optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'The start date must be on or before the end date.', path: ['from'] });

export type DashboardParams = z.infer<typeof dashboardParamsSchema>;

/** "I looked at this dashboard": sent by the page after it has loaded (server/dashboard/actions.ts). */
export const reviewVisitSchema = z.object({
  partnershipId: z.string().trim().min(1, 'Say which partnership.').max(64).regex(/^[a-z0-9]+$/i, 'Unknown partnership.'),
});
