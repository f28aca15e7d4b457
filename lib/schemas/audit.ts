import { z } from 'zod';
import { isIsoDay } from '@/lib/dates';
import { formatDay } from '@/lib/format';
import { filterText } from './text';

const day = z.string().trim().refine((v) => v === '' || isIsoDay(v), 'Use a date like 2026-11-23.').optional();

/** The audit page's filters, read from the URL (bad values are reported, not crashed on). */
export const auditFilterSchema = z.object({
  entityType: filterText('The kind of record', 64).optional(),
  entityId: filterText('The record', 200).optional(),
  actor: filterText('The person', 254).optional(),
  from: day,
  to: day,
  before: z.string().regex(/^\d{1,19}$/, 'Bad page cursor.').optional(),
});

export type AuditFilter = z.infer<typeof auditFilterSchema>;

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
