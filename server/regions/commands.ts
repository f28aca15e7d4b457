import 'server-only';
import { z } from 'zod';
import { addPartnershipRegionSchema, createRegionSchema, regionForm, removePartnershipRegionSchema, updateRegionSchema } from '@/lib/schemas/regions';
import { defineCommand } from '@/server/actions/define';
import { createRegion, updateRegion } from './catalogue';
import { addPartnershipRegion, removePartnershipRegion } from './partnership-regions';
import { reference } from '@/lib/schemas/text';

// The region catalogue (/admin/regions) and the Regions area of /partnerships/<slug>/manage:
// same schemas as the JSON API.
type Raw = Record<string, unknown>;
const slug = reference('partnership', 200);
const regionId = z.coerce.number({ error: 'Missing region.' }).int('Missing region.').min(1, 'Missing region.').max(2_147_483_647, 'Missing region.');

export const createRegionCommand = defineCommand({
  permission: 'regions.manage',
  schema: z.preprocess((raw) => regionForm.create((raw ?? {}) as Raw), createRegionSchema),
  run: (actor, input) => createRegion(actor, input),
  success: (r) => `Added ${r.name} (${r.code}, ${r.timeZone}).`,
});

export const updateRegionCommand = defineCommand({
  permission: 'regions.manage',
  schema: z.preprocess((raw) => regionForm.update((raw ?? {}) as Raw), z.object({ id: regionId, patch: updateRegionSchema })),
  run: (actor, { id, patch }) => updateRegion(actor, id, patch),
  success: (r) => `Saved ${r.name}.`,
});

export const addPartnershipRegionCommand = defineCommand({
  permission: 'partnerships.regions',
  schema: z.preprocess((raw) => regionForm.add((raw ?? {}) as Raw), z.object({ slug, input: addPartnershipRegionSchema })),
  run: (actor, { slug, input }) => addPartnershipRegion(actor, slug, input),
  success: (r) => `Added ${r.regionName}: its rollout is planned.`,
});

export const removePartnershipRegionCommand = defineCommand({
  permission: 'partnerships.regions',
  schema: z.preprocess((raw) => regionForm.remove((raw ?? {}) as Raw), z.object({ slug, input: removePartnershipRegionSchema })),
  run: (actor, { slug, input }) => removePartnershipRegion(actor, slug, input),
  success: (r) => `Removed ${r.regionName} from this partnership.`,
});
