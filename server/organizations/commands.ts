import 'server-only';
import { z } from 'zod';
import { createOrganizationSchema, deleteOrganizationSchema, organizationForm, organizationId, updateOrganizationSchema } from '@/lib/schemas/organizations';
import { defineCommand } from '@/server/actions/define';
import { createOrganization, deleteOrganization, updateOrganization } from './mutations';

// The organization forms (/organizations, /organizations/<id>): same schemas as /api/v1/organizations.
const form = (mode: Parameters<typeof organizationForm>[1]) => (raw: unknown) => organizationForm((raw ?? {}) as Record<string, unknown>, mode);

export const createOrganizationCommand = defineCommand({
  permission: 'organizations.manage',
  schema: z.preprocess(form('create'), createOrganizationSchema),
  run: (actor, input) => createOrganization(actor, input),
  success: (o) => `Added ${o.name}.`,
});

export const updateOrganizationCommand = defineCommand({
  permission: 'organizations.manage',
  schema: z.preprocess(form('update'), z.object({ id: organizationId, patch: updateOrganizationSchema })),
  run: (actor, { id, patch }) => updateOrganization(actor, id, patch),
  success: (o) => `Saved ${o.name}.`,
});

export const deleteOrganizationCommand = defineCommand({
  permission: 'organizations.manage',
  schema: z.preprocess(form('delete'), deleteOrganizationSchema),
  run: (actor, input) => deleteOrganization(actor, input),
  success: (o) => `Deleted ${o.name}.`,
});
