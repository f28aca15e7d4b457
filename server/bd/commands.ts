import 'server-only';
import { z } from 'zod';
import { formToPatch } from '@/lib/schemas/form';
import { updateCheckpointSchema } from '@/lib/schemas/checkpoints';
import { bulkMilestoneSchema, createMilestoneSchema, deleteMilestoneSchema, moveMilestoneSchema, restoreMilestoneSchema, updateMilestoneSchema } from '@/lib/schemas/milestones';
import { bulkUpdateMilestones, createMilestone, deleteMilestone, moveMilestone, restoreMilestone } from '@/server/milestones/structure';
import { updateRolloutSchema } from '@/lib/schemas/rollouts';
import { defineCommand } from '@/server/actions/define';
import { createCheckpointSchema, rolloutGatesSchema } from '@/lib/schemas/structure';
import { createCheckpoint } from '@/server/checkpoints/create';
import { updateCheckpoint } from '@/server/checkpoints/mutations';
import { setRolloutGates } from '@/server/rollouts/gates';
import { updateMilestone } from '@/server/milestones/mutations';
import { updateRollout } from '@/server/rollouts/mutations';
import { reference } from '@/lib/schemas/text';

// The forms on /partnerships/<slug>/manage. Same schemas as PATCH /api/v1/*, via formToPatch.
const withId = <S extends z.ZodType>(schema: S, fields: Parameters<typeof formToPatch>[1]) =>
  z.preprocess(
    (raw) => {
      const r = (raw ?? {}) as Record<string, unknown>;
      return { id: r.id, patch: formToPatch(r, fields) };
    },
    z.object({ id: reference('id'), patch: schema }),
  );

const list = (v: unknown) => (Array.isArray(v) ? v : v === undefined || v === '' ? [] : [v]);
const blankToNull = (v: unknown) => (v === '' ? null : v);

export const updateMilestoneCommand = defineCommand({
  permission: 'milestones.update',
  schema: z.preprocess(
    (raw) => {
      const { dependsOnIds, ...rest } = (raw ?? {}) as Record<string, unknown>;
      // Only a form that says it sends dependencies changes them ("none selected" then clears).
      return rest.dependsOnIdsPresent ? { ...rest, dependsOnIds: list(dependsOnIds) } : rest;
    },
    withId(updateMilestoneSchema, { dates: ['dueOn'], nullableText: ['blockedReason', 'ownerId'], text: ['dependsOnIds'] }),
  ),
  run: (actor, { id, patch }) => updateMilestone(actor, id, patch),
  success: (m) => `Saved "${m.title}".`,
});

export const updateCheckpointCommand = defineCommand({
  permission: 'checkpoints.update',
  schema: withId(updateCheckpointSchema, { dates: ['filedOn', 'decidedOn', 'evidenceExpiresOn', 'decisionDueOn'], nullableText: ['conditions'], text: ['risk', 'regulator', 'requirement'] }),
  run: (actor, { id, patch }) => updateCheckpoint(actor, id, patch),
  success: (c) => `Saved ${c.regulator}.`,
});

export const updateRolloutCommand = defineCommand({
  permission: 'rollouts.update',
  schema: withId(updateRolloutSchema, { dates: ['plannedLaunchOn'] }),
  run: (actor, { id, patch }) => updateRollout(actor, id, patch),
  success: (r) => `${r.regionName} is now ${r.status.toLowerCase()}.`,
});

export const createMilestoneCommand = defineCommand({
  permission: 'milestones.update',
  schema: z.preprocess((raw) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    return { ...r, dueOn: blankToNull(r.dueOn), ownerId: blankToNull(r.ownerId), dependsOnIds: list(r.dependsOnIds) };
  }, createMilestoneSchema),
  run: (actor, input) => createMilestone(actor, input),
  success: (m) => `Added "${m.title}".`,
});

export const moveMilestoneCommand = defineCommand({
  permission: 'milestones.update',
  schema: moveMilestoneSchema,
  run: (actor, input) => moveMilestone(actor, input),
  success: (r) => (r.moved ? `Moved "${r.title}".` : `"${r.title}" is already at that end.`),
});

export const bulkMilestoneCommand = defineCommand({
  permission: 'milestones.update',
  schema: z.preprocess((raw) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    const items = list(r.selected).map((v) => {
      const [id, version] = String(v).split(':');
      return { id, version: Number(version) };
    });
    const pick = (v: unknown) => (v === '' || v === undefined ? undefined : v);
    return { items, status: pick(r.status), dueOn: pick(r.dueOn), ownerId: r.ownerId === 'none' ? null : pick(r.ownerId), blockedReason: pick(r.blockedReason) };
  }, bulkMilestoneSchema),
  run: (actor, input) => bulkUpdateMilestones(actor, input),
  success: (r) => `Updated ${r.count} milestone${r.count === 1 ? '' : 's'}.`,
});

export const deleteMilestoneCommand = defineCommand({
  permission: 'milestones.update',
  schema: deleteMilestoneSchema,
  run: (actor, input) => deleteMilestone(actor, input),
  success: (m) => `Deleted "${m.title}".`,
});

export const restoreMilestoneCommand = defineCommand({
  permission: 'milestones.update',
  schema: restoreMilestoneSchema,
  run: (actor, input) => restoreMilestone(actor, input),
  success: (m) => `Restored "${m.title}".`,
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

export const rolloutGatesCommand = defineCommand({
  permission: 'rollouts.update',
  schema: z.preprocess((raw) => {
    const r = (raw ?? {}) as Record<string, unknown>;
    return { ...r, checkpointIds: list(r.checkpointIds), milestoneIds: list(r.milestoneIds) };
  }, rolloutGatesSchema),
  run: (actor, input) => setRolloutGates(actor, input),
  success: (r) => `Saved what gates ${r.regionName}.`,
});
