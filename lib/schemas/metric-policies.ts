import { z } from 'zod';
import { INTERNAL_ROLES } from '@/lib/domain';
import { reference } from './text';

/**
 * Who sees which metric (issue 17, items 1 and 5): per partnership, each metric is "shown to
 * partners" or not and "confidential" or not (the sharing form on the partnership's edit page and
 * PUT /api/v1/partnerships/{slug}/metric-policies); per internal role, whether it sees confidential
 * figures (the administrators' "Confidential figures" page). The same schemas serve forms and API.
 */
const metricKey = z.string().trim().min(1, 'Choose a metric.').max(60, 'A metric name is at most 60 characters.')
  .regex(/^[a-z0-9_]+$/, 'A metric name uses lowercase letters, digits and underscores, like cards_added.');

/** The version the editor saw: 0 for a metric still on its defaults (no row yet). */
const policyVersion = z.number({ message: 'The version must be a whole number.' }).int('The version must be a whole number.').min(0).max(2_147_483_647);

export const metricPolicySchema = z.object({
  metric: metricKey,
  sharedWithPartners: z.boolean({ message: 'sharedWithPartners must be true or false.' }),
  confidential: z.boolean({ message: 'confidential must be true or false.' }),
  version: policyVersion,
}).strict();

export const metricPoliciesSchema = z.object({
  policies: z.array(metricPolicySchema).min(1, 'Send at least one metric.').max(100, 'At most 100 metrics at once.')
    .refine((list) => new Set(list.map((p) => p.metric)).size === list.length, 'Each metric at most once.'),
}).strict();
export type MetricPoliciesInput = z.infer<typeof metricPoliciesSchema>;

export const updateMetricPoliciesSchema = metricPoliciesSchema.extend({
  partnership: reference('partnership', 200),
}).strict();
export type UpdateMetricPoliciesInput = z.infer<typeof updateMetricPoliciesSchema>;

/**
 * The sharing form's fields as the schema's shape: `partnership`, `metrics` (the keys the form
 * shows, comma-separated) and per metric `version:<key>`, `shared:<key>`, `confidential:<key>`
 * (an unticked checkbox sends nothing, so a shown metric without one is false).
 */
export function metricPoliciesForm(raw: Record<string, unknown>): unknown {
  // Anything but the form's text goes to the schema as it is (and is refused there).
  if (typeof raw.metrics !== 'string') return { partnership: raw.partnership, policies: raw.metrics };
  const keys = raw.metrics.split(',').map((k) => k.trim()).filter(Boolean).slice(0, 101);
  const version = (key: string) => {
    const text = raw[`version:${key}`];
    return typeof text === 'string' && /^\d{1,10}$/.test(text) ? Number(text) : text;
  };
  const ticked = (name: string) => raw[name] === 'on' || raw[name] === 'true';
  return {
    partnership: raw.partnership,
    policies: keys.map((metric) => ({ metric, version: version(metric), sharedWithPartners: ticked(`shared:${metric}`), confidential: ticked(`confidential:${metric}`) })),
  };
}

/** Which internal roles see confidential figures; partners never do. */
export const confidentialAccessSchema = z.object({
  roles: z.array(z.object({ role: z.enum(INTERNAL_ROLES, { message: 'Choose an internal role.' }), allowed: z.boolean() }).strict())
    .min(1, 'Send at least one role.').max(INTERNAL_ROLES.length)
    .refine((list) => new Set(list.map((r) => r.role)).size === list.length, 'Each role at most once.'),
}).strict();
export type ConfidentialAccessInput = z.infer<typeof confidentialAccessSchema>;

/** The administrators' form: one checkbox per internal role, `allowed:<ROLE>`; every role is on the form. */
export function confidentialAccessForm(raw: Record<string, unknown>): unknown {
  return { roles: INTERNAL_ROLES.map((role) => ({ role, allowed: raw[`allowed:${role}`] === 'on' || raw[`allowed:${role}`] === 'true' })) };
}
