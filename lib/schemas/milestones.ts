import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';
import { MILESTONE_STATUSES } from '@/lib/domain';
import { multiLine, reference, singleLine } from './text';

const day = z.string().trim().refine(isIsoDay, 'Use a date like 2026-11-23.');

/** A partial update; `version` is the version the editor saw (optimistic concurrency). */
export const updateMilestoneSchema = z
  .object({
    version: z.number({ error: 'Send the version you edited (an integer).' }).int().min(1),
    // Renaming is part of an edit: one line, no control characters (issue 13).
    title: singleLine('The title', 200).optional(),
    status: z.enum(MILESTONE_STATUSES, { error: `Status must be one of ${MILESTONE_STATUSES.join(', ')}.` }).optional(),
    dueOn: day.nullable().optional(),
    ownerId: reference('owner').nullable().optional(),
    blockedReason: multiLine('The reason it is blocked', 500).nullable().optional(),
    dependsOnIds: z.array(reference('dependency')).max(50, 'At most 50 dependencies.').optional(),
    // Shown to the deal's partner users (issue 17).
    sharedWithPartners: z.boolean({ error: 'sharedWithPartners is true or false.' }).optional(),
  })
  .strict();

export const createMilestoneSchema = z.object({
  partnershipSlug: reference('partnership', 200),
  title: singleLine('The title', 200),
  dueOn: day.nullable().optional(),
  ownerId: reference('owner').nullable().optional(),
  dependsOnIds: z.array(reference('dependency')).max(50, 'At most 50 dependencies.').default([]),
});

export const moveMilestoneSchema = z.object({
  id: reference('milestone'),
  version: z.coerce.number().int().min(1),
  direction: z.enum(['up', 'down'], { error: 'Move up or down.' }),
});

/** One change applied to several milestones at once, all or nothing. */
export const bulkMilestoneSchema = z
  .object({
    items: z.array(z.object({ id: reference('milestone'), version: z.number().int().min(1) })).min(1, 'Select at least one milestone.').max(200),
    status: z.enum(MILESTONE_STATUSES).optional(),
    ownerId: reference('owner').nullable().optional(),
    dueOn: day.nullable().optional(),
    blockedReason: multiLine('The reason it is blocked', 500).nullable().optional(),
  })
  .refine((v) => v.status !== undefined || v.ownerId !== undefined || v.dueOn !== undefined, {
    message: 'Choose a status, an owner or a due date to apply.', path: ['status'],
  });

export type CreateMilestoneInput = z.infer<typeof createMilestoneSchema>;

export type UpdateMilestoneInput = z.infer<typeof updateMilestoneSchema>;

export const deleteMilestoneSchema = z.object({ id: reference('milestone'), version: z.coerce.number().int().min(1) });
export const restoreMilestoneSchema = z.object({ id: reference('milestone') });
