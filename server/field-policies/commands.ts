import 'server-only';
import { z } from 'zod';
import { fieldPoliciesForm, updateFieldPoliciesSchema } from '@/lib/schemas/field-policies';
import { defineCommand } from '@/server/actions/define';
import { updateFieldPolicies } from './mutations';

// The "Confidential fields" form on the partnership's edit page; the same schema as
// PUT /api/v1/partnerships/{slug}/field-policies, and the permission of the metric sharing form.
export const updateFieldPoliciesCommand = defineCommand({
  permission: 'partnerships.update',
  schema: z.preprocess((raw) => fieldPoliciesForm((raw ?? {}) as Record<string, unknown>), updateFieldPoliciesSchema),
  run: (actor, { partnership, policies }) => updateFieldPolicies(actor, partnership, { policies }),
  success: () => 'Saved which fields are confidential.',
});
