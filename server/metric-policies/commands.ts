import 'server-only';
import { z } from 'zod';
import { confidentialAccessForm, confidentialAccessSchema, metricPoliciesForm, updateMetricPoliciesSchema } from '@/lib/schemas/metric-policies';
import { defineCommand } from '@/server/actions/define';
import { updateConfidentialAccess, updateMetricPolicies } from './mutations';

// The sharing form on the partnership's edit page and the administrators' "Confidential figures"
// page; the same schemas as PUT /api/v1/partnerships/{slug}/metric-policies.
const asRecord = (raw: unknown) => (raw ?? {}) as Record<string, unknown>;

export const updateMetricPoliciesCommand = defineCommand({
  permission: 'partnerships.update',
  schema: z.preprocess((raw) => metricPoliciesForm(asRecord(raw)), updateMetricPoliciesSchema),
  run: (actor, { partnership, policies }) => updateMetricPolicies(actor, partnership, { policies }),
  success: () => 'Saved who sees which metric.',
});

export const updateConfidentialAccessCommand = defineCommand({
  permission: 'users.manage',
  schema: z.preprocess((raw) => confidentialAccessForm(asRecord(raw)), confidentialAccessSchema),
  run: (actor, input) => updateConfidentialAccess(actor, input),
  success: () => 'Saved who sees confidential figures.',
});
