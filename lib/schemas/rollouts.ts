import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';
import { ROLLOUT_STATUSES } from '@/lib/domain';
import { multiLine } from './text';

const day = z.string().trim().refine(isIsoDay, 'Use a date like 2026-11-23.');

export const updateRolloutSchema = z
  .object({
    version: z.number({ error: 'Send the version you edited (an integer).' }).int().min(1),
    status: z.enum(ROLLOUT_STATUSES, { error: `Status must be one of ${ROLLOUT_STATUSES.join(', ')}.` }).optional(),
    plannedPilotOn: day.nullable().optional(),
    plannedLaunchOn: day.nullable().optional(),
    // When the region actually went live (lib/rules/rollouts.ts: launchDateProblem says when it may be set).
    actualLaunchOn: day.nullable().optional(),
    notes: multiLine('The notes', 5000).optional(),
  })
  .strict();

export type UpdateRolloutInput = z.infer<typeof updateRolloutSchema>;
