import 'server-only';
import { z } from 'zod';
import { deleteCheckpointSchema, updateCheckpointSchema } from '@/lib/schemas/checkpoints';
import { createCheckpointSchema } from '@/lib/schemas/structure';
import { defineCommand } from '@/server/actions/define';
import { blankToNull, withId } from '@/server/actions/form-input';
import { createCheckpoint } from './create';
import { deleteCheckpoint } from './delete';
import { updateCheckpoint } from './mutations';

// The checkpoint forms on /partnerships/<slug>/manage. Same schemas as PATCH /api/v1/checkpoints/<id>.
export const updateCheckpointCommand = defineCommand({
  permission: 'checkpoints.update',
  schema: withId(updateCheckpointSchema, { dates: ['filedOn', 'decidedOn', 'evidenceExpiresOn', 'decisionDueOn'], nullableText: ['conditions'], text: ['risk', 'regulator', 'requirement'], checkboxes: ['sharedWithPartners'] }),
  run: (actor, { id, patch }) => updateCheckpoint(actor, id, patch),
  success: (c) => `Saved ${c.regulator}.`,
});

export const createCheckpointCommand = defineCommand({
  permission: 'checkpoints.update',
  schema: z.preprocess((raw) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    return { ...r, decisionDueOn: blankToNull(r.decisionDueOn) };
  }, createCheckpointSchema),
  run: (actor, input) => createCheckpoint(actor, input),
  success: (c) => `Added ${c.regulator} (${c.jurisdiction}).`,
});

export const deleteCheckpointCommand = defineCommand({
  permission: 'checkpoints.update',
  schema: deleteCheckpointSchema,
  run: (actor, input) => deleteCheckpoint(actor, input),
  success: (c) => (c.ungated.length ? `Deleted ${c.regulator}; it no longer gates ${c.ungated.join(', ')}.` : `Deleted ${c.regulator}.`),
});
