import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';
import { RANGE_PRESETS } from '@/lib/granularity';
import { readParameters, type ParameterProblem, type ParameterRule } from './query-params';

const day = (what: string) => z.string().trim().refine(isIsoDay, { error: (i) => `${what} "${String(i.input).replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 40)}" is not a calendar date: write it like 2026-11-23.` });

/** Dashboard view state kept in the URL. Unknown or bad values fall back to defaults. */
export const dashboardParamsSchema = z
  .object({
    range: z.enum(RANGE_PRESETS).optional(),
    from: day('The start date').optional(),
    to: day('The end date').optional(),
    since: day('The review date').optional(),
    milestones: z.enum(['all']).optional(),
    rollouts: z.enum(['all']).optional(),
    checkpoints: z.enum(['all']).optional(),
  })
  .refine((v) => !v.from || !v.to || v.from <= v.to, { message: 'The start date is after the end date.', path: ['from'] });

export type DashboardParams = z.infer<typeof dashboardParamsSchema>;

/** Each dashboard parameter on its own (lib/schemas/query-params.ts): messages in words. */
export const DASHBOARD_PARAMETER_RULES = {
  range: { schema: z.enum(RANGE_PRESETS).optional(), message: 'The range must be 7d, 30d, 90d, 1y or all.' },
  from: { schema: day('The start date').optional(), message: 'The start date must be a calendar date like 2026-11-23.' },
  to: { schema: day('The end date').optional(), message: 'The end date must be a calendar date like 2026-11-23.' },
  since: { schema: day('The review date').optional(), message: 'The review date must be a calendar date like 2026-11-23.' },
  milestones: { schema: z.enum(['all']).optional(), message: 'milestones=all shows every completed milestone; leave it out for the recent ones.' },
  rollouts: { schema: z.enum(['all']).optional(), message: 'rollouts=all shows every launched region; leave it out for the recent launches.' },
  checkpoints: { schema: z.enum(['all']).optional(), message: 'checkpoints=all shows every approved checkpoint; leave it out for the recent approvals.' },
} satisfies Record<keyof DashboardParams, ParameterRule>;

/**
 * The dashboard's address read leniently: each wrong parameter is named in words and left out
 * (a reversed range leaves out both dates); `typed` keeps the dates as typed for the range form.
 */
export function readDashboardParams(query: Record<string, string | undefined>): { params: DashboardParams; problems: ParameterProblem[]; typed: { from: string; to: string } } {
  // Every rule reads its own parameter: a rule added above is read without a second list here.
  const values = Object.fromEntries(Object.keys(DASHBOARD_PARAMETER_RULES).map((name) => [name, query[name]])) as Record<keyof DashboardParams, unknown>;
  const { data, problems } = readParameters(DASHBOARD_PARAMETER_RULES, values);
  const params: DashboardParams = { ...data };
  if (params.from && params.to && params.from > params.to) {
    problems.push({ parameter: 'from', message: 'The start date is after the end date.' });
    delete params.from;
    delete params.to;
  }
  return { params, problems, typed: { from: (query.from ?? '').slice(0, 40), to: (query.to ?? '').slice(0, 40) } };
}

/** "I looked at this dashboard": sent by the page after it has loaded (server/dashboard/actions.ts). */
export const reviewVisitSchema = z.object({
  partnershipId: z.string().trim().min(1, 'Say which partnership.').max(64).regex(/^[a-z0-9]+$/i, 'Unknown partnership.'),
});
