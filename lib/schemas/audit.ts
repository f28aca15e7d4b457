import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';
import { formatDay } from '@/lib/format';
import { readParameters, type ParameterProblem, type ParameterRule } from './query-params';
import { filterText } from './text';

const day = z.string().trim().refine((v) => v === '' || isIsoDay(v), 'Use a date like 2026-11-23.').optional();

/** The audit page's filters, read from the URL (bad values are reported, not crashed on). */
export const auditFilterSchema = z.object({
  entityType: filterText('The kind of record', 64).optional(),
  entityId: filterText('The record', 200).optional(),
  actor: filterText('The person', 254).optional(),
  from: day,
  to: day,
  before: z.string().regex(/^\d{1,19}$/, 'That page of older events is not valid: start again from the newest.').optional(),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

export const AUDIT_PARAMETER_RULES = {
  entityType: { schema: auditFilterSchema.shape.entityType, message: 'The kind of record is not one Accord knows.' },
  entityId: { schema: auditFilterSchema.shape.entityId, message: 'That record is not valid.' },
  actor: { schema: auditFilterSchema.shape.actor, message: 'The person filter is not valid.' },
  from: { schema: auditFilterSchema.shape.from, message: 'The From date must be a calendar date like 2026-11-23.' },
  to: { schema: auditFilterSchema.shape.to, message: 'The To date must be a calendar date like 2026-11-23.' },
  before: { schema: auditFilterSchema.shape.before, message: 'That page of older events is not valid: start again from the newest.' },
} satisfies Record<keyof AuditFilter, ParameterRule>;

/**
 * The audit page's address read leniently (issue 13, finding 7): each wrong filter is named in
 * words and left out, the others still apply.
 */
export function readAuditFilter(query: Record<string, string | undefined>): { filter: AuditFilter; problems: ParameterProblem[] } {
  const { data, problems } = readParameters(AUDIT_PARAMETER_RULES, {
    entityType: query.entityType, entityId: query.entityId, actor: query.actor, from: query.from, to: query.to, before: query.before,
  });
  return { filter: data, problems };
}

/**
 * A From day after the To day can match nothing: say so in words (issue 13, finding 2) instead
 * of an empty "No events match". Days are ISO, so text order is date order.
 */
export function auditRangeProblem(filter: Pick<AuditFilter, 'from' | 'to'>): string | null {
  if (filter.from && filter.to && filter.from > filter.to) {
    return `The From date (${formatDay(filter.from)}) is after the To date (${formatDay(filter.to)}), so no event can match. Swap them, or clear one.`;
  }
  return null;
}
