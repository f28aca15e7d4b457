import 'server-only';
import { z } from 'zod';
import { formToPatch } from '@/lib/schemas/form';
import { updateCheckpointSchema } from '@/lib/schemas/checkpoints';
import { updateMilestoneSchema } from '@/lib/schemas/milestones';
import { updateRolloutSchema } from '@/lib/schemas/rollouts';
import { defineCommand } from '@/server/actions/define';
import { updateCheckpoint } from '@/server/checkpoints/mutations';
import { updateMilestone } from '@/server/milestones/mutations';
import { updateRollout } from '@/server/rollouts/mutations';

// The forms on /partnerships/<slug>/manage. Same schemas as PATCH /api/v1/*, via formToPatch.
const withId = <S extends z.ZodType>(schema: S, fields: Parameters<typeof formToPatch>[1]) =>
  z.preprocess(
    (raw) => {
      const r = (raw ?? {}) as Record<string, unknown>;
      return { id: r.id, patch: formToPatch(r, fields) };
    },
    z.object({ id: z.string({ error: 'Missing id.' }).min(1, 'Missing id.').max(64), patch: schema }),
  );

export const updateMilestoneCommand = defineCommand({
  permission: 'milestones.update',
  schema: withId(updateMilestoneSchema, { dates: ['dueOn'], nullableText: ['blockedReason', 'ownerId'] }),
  run: (actor, { id, patch }) => updateMilestone(actor, id, patch),
  success: (m) => `Saved "${m.title}".`,
});

export const updateCheckpointCommand = defineCommand({
  permission: 'checkpoints.update',
  schema: withId(updateCheckpointSchema, { dates: ['decidedOn', 'evidenceExpiresOn', 'decisionDueOn'], nullableText: ['conditions'] }),
  run: (actor, { id, patch }) => updateCheckpoint(actor, id, patch),
  success: (c) => `Saved ${c.regulator}.`,
});

export const updateRolloutCommand = defineCommand({
  permission: 'rollouts.update',
  schema: withId(updateRolloutSchema, { dates: ['plannedLaunchOn'] }),
  run: (actor, { id, patch }) => updateRollout(actor, id, patch),
  success: (r) => `${r.regionName} is now ${r.status.toLowerCase()}.`,
});
