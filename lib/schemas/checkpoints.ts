import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';
import { CHECKPOINT_STATUSES, RISK_LEVELS } from '@/lib/domain';
import { multiLine, reference, singleLine } from './text';

const day = z.string().trim().refine(isIsoDay, 'Use a date like 2026-11-23.');

export const updateCheckpointSchema = z
  .object({
    version: z.number({ error: 'Send the version you edited (an integer).' }).int().min(1),
    status: z.enum(CHECKPOINT_STATUSES, { error: `Status must be one of ${CHECKPOINT_STATUSES.join(', ')}.` }).optional(),
    regulator: singleLine('The regulator', 200).optional(),
    requirement: singleLine('The requirement', 500).optional(),
    risk: z.enum(RISK_LEVELS, { error: `Risk must be one of ${RISK_LEVELS.join(', ')}.` }).optional(),
    filedOn: day.nullable().optional(),
    decisionDueOn: day.nullable().optional(),
    decidedOn: day.nullable().optional(),
    conditions: multiLine('The conditions', 2000).nullable().optional(),
    evidenceExpiresOn: day.nullable().optional(),
    notes: multiLine('The notes', 5000).optional(),
    // Shown to the deal's partner users; checkpoints are internal by default (issue 17).
    sharedWithPartners: z.boolean({ error: 'sharedWithPartners is true or false.' }).optional(),
  })
  .strict();

export type UpdateCheckpointInput = z.infer<typeof updateCheckpointSchema>;

/** Deleting a checkpoint: the version the person saw, so a checkpoint changed meanwhile is not deleted blind. */
export const deleteCheckpointSchema = z.object({
  id: reference('checkpoint'),
  version: z.coerce.number({ error: 'Send the version you saw (an integer).' }).int().min(1),
});
