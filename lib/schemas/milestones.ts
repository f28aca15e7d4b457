import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';
import { MILESTONE_STATUSES } from '@/lib/domain';

const day = z.string().trim().refine(isIsoDay, 'Use a date like 2026-11-23.');

/** A partial update; `version` is the version the editor saw (optimistic concurrency). */
export const updateMilestoneSchema = z
  .object({
    version: z.number({ error: 'Send the version you edited (an integer).' }).int().min(1),
    title: z.string().trim().min(1, 'A milestone needs a title.').max(200, 'A title has at most 200 characters.').optional(),
    status: z.enum(MILESTONE_STATUSES, { error: `Status must be one of ${MILESTONE_STATUSES.join(', ')}.` }).optional(),
    dueOn: day.nullable().optional(),
    ownerId: z.string().trim().min(1).max(64).nullable().optional(),
    blockedReason: z.string().trim().max(500, 'At most 500 characters.').nullable().optional(),
  })
  .strict();

export type UpdateMilestoneInput = z.infer<typeof updateMilestoneSchema>;
