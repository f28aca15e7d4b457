import 'server-only';
import { z } from 'zod';
import { bulkMilestoneSchema, createMilestoneSchema, deleteMilestoneSchema, moveMilestoneSchema, restoreMilestoneSchema, updateMilestoneSchema } from '@/lib/schemas/milestones';
import { defineCommand } from '@/server/actions/define';
import { blankToNull, list, withId } from '@/server/actions/form-input';
import { updateMilestone } from './mutations';
import { bulkUpdateMilestones, createMilestone, deleteMilestone, moveMilestone, restoreMilestone } from './structure';

// The milestone forms on /partnerships/<slug>/manage. Same schemas as PATCH /api/v1/milestones/<id>.

/** Edits a milestone, its title included (a rename is an edit like any other: versioned, audited). */
export const updateMilestoneCommand = defineCommand({
  permission: 'milestones.update',
  // updateMilestone scopes partners to their organization's shared milestones and their progress.
  partners: 'scoped',
  schema: z.preprocess(
    (raw) => {
      const { dependsOnIds, ...rest } = (raw ?? {}) as Record<string, unknown>;
      // Only a form that says it sends dependencies changes them ("none selected" then clears).
      return rest.dependsOnIdsPresent ? { ...rest, dependsOnIds: list(dependsOnIds) } : rest;
    },
    withId(updateMilestoneSchema, { dates: ['dueOn'], nullableText: ['blockedReason', 'ownerId'], text: ['title', 'dependsOnIds'], checkboxes: ['sharedWithPartners'] }),
  ),
  run: (actor, { id, patch }) => updateMilestone(actor, id, patch),
  success: (m) => `Saved "${m.title}".`,
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
