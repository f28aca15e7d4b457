import 'server-only';
import { z } from 'zod';
import { STAGE_LABELS } from '@/lib/domain';
import { createPartnershipForm, moveStageForm, updatePartnershipForm } from '@/lib/schemas/partnership-form';
import { createPartnershipSchema, moveStageSchema, slugSchema, updatePartnershipSchema } from '@/lib/schemas/partnerships';
import { defineCommand } from '@/server/actions/define';
import { isApprovalRequested, sentForApproval } from '@/server/approvals/queries';
import { createPartnership, updatePartnership } from './mutations';
import { movePartnershipStage } from './stage';
import { reference } from '@/lib/schemas/text';

// The partnership forms (create, edit, stage, the board): same schemas as /api/v1/partnerships.
const slug = reference('partnership', 200);

export const createPartnershipCommand = defineCommand({
  permission: 'partnerships.create',
  schema: z.preprocess((raw) => createPartnershipForm((raw ?? {}) as Record<string, unknown>), createPartnershipSchema),
  run: (actor, input) => createPartnership(actor, input),
  success: (p) => `Opened ${p.name}.`,
});

export const updatePartnershipCommand = defineCommand({
  permission: 'partnerships.update',
  schema: z.preprocess((raw) => updatePartnershipForm((raw ?? {}) as Record<string, unknown>), z.object({ slug, patch: updatePartnershipSchema })),
  run: (actor, { slug, patch }) => updatePartnership(actor, slug, patch),
  success: (p) => `Saved ${p.name}.`,
});

export const moveStageCommand = defineCommand({
  permission: 'partnerships.stage',
  schema: z.preprocess((raw) => moveStageForm((raw ?? {}) as Record<string, unknown>), z.object({ slug, move: moveStageSchema })),
  run: (actor, { slug, move }) => movePartnershipStage(actor, slug, move),
  // Signing waits for an executive (issue 17): the form says so instead of "moved".
  success: (p) => (isApprovalRequested(p) ? sentForApproval(p) : `${p.name} moved to ${STAGE_LABELS[p.stage]}.`),
});

export { slugSchema };
