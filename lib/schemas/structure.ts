import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';
import { RISK_LEVELS } from '@/lib/domain';

const day = z.string().trim().refine(isIsoDay, 'Use a date like 2026-11-23.');
const ids = z.array(z.string().trim().min(1).max(64)).max(50);

export const createCheckpointSchema = z.object({
  partnershipSlug: z.string().trim().min(1).max(200),
  regulator: z.string({ error: 'Name the regulator.' }).trim().min(1, 'Name the regulator.').max(200),
  jurisdiction: z.string({ error: 'Give the jurisdiction code.' }).trim().toUpperCase().regex(/^[A-Z]{2,3}$/, 'Use a 2- or 3-letter code such as CN or HK.'),
  requirement: z.string({ error: 'Describe what must be approved.' }).trim().min(1, 'Describe what must be approved.').max(500),
  risk: z.enum(RISK_LEVELS, { error: 'Choose a risk level.' }).default('MEDIUM'),
  decisionDueOn: day.nullable().optional(),
});

export const rolloutGatesSchema = z.object({
  id: z.string().trim().min(1).max(64),
  version: z.coerce.number().int().min(1),
  checkpointIds: ids.default([]),
  milestoneIds: ids.default([]),
});
