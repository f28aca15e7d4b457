import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';
import { RISK_LEVELS } from '@/lib/domain';
import { reference, singleLine } from './text';

const day = z.string().trim().refine(isIsoDay, 'Use a date like 2026-11-23.');
const ids = z.array(reference('item')).max(50, 'At most 50 at once.');

export const createCheckpointSchema = z.object({
  partnershipSlug: reference('partnership', 200),
  regulator: singleLine('The regulator', 200),
  jurisdiction: z.string({ error: 'Give the jurisdiction code.' }).trim().toUpperCase().regex(/^[A-Z]{2,3}$/, 'Use a 2- or 3-letter code such as CN or HK.'),
  requirement: singleLine('The requirement', 500),
  risk: z.enum(RISK_LEVELS, { error: 'Choose a risk level.' }).default('MEDIUM'),
  decisionDueOn: day.nullable().optional(),
});

export const rolloutGatesSchema = z.object({
  id: reference('rollout'),
  version: z.coerce.number().int().min(1),
  checkpointIds: ids.default([]),
  milestoneIds: ids.default([]),
});
