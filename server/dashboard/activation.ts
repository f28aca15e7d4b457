import 'server-only';
import type { IsoDay } from '@/lib/dates';
import { fieldAccess } from '@/server/access/fields';
import { visibleMetrics, type MetricAudience } from '@/server/access/metrics';
import { metricSpan, sumWithTarget } from '@/server/metrics/aggregate';

export const ACTIVATION_METRIC = 'cards_added';

/**
 * What the KPIs and the chart both start from, read once per dashboard: the days with data, and
 * cards added (and their target) from the first day to the last. The all-time sum is the costly
 * read on a partnership with years of daily rows (bench/results: 150 ms for 263k rows on PostgreSQL),
 * so the chart derives its opening balance from it instead of summing the past a second time.
 */
export type ActivationBasis = {
  span: { first: IsoDay; last: IsoDay } | null;
  toDate: { actual: number; target: number | null } | null;
  /** Who reads: cards added may be hidden from them (issue 17, server/access/metrics.ts). */
  audience: MetricAudience;
  /** false: cards added is hidden from this reader; no figure of it is read or shown. */
  shown: boolean;
  /** false: the activation targets are confidential to this reader (server/access/fields.ts): none is read or shown. */
  targetShown: boolean;
};

export async function loadActivationBasis(partnershipId: string, audience: MetricAudience): Promise<ActivationBasis> {
  const [metrics, fields] = await Promise.all([visibleMetrics(audience, partnershipId), fieldAccess(audience, partnershipId)]);
  const shown = metrics.some((m) => m.key === ACTIVATION_METRIC);
  const targetShown = shown && !fields.hidden.includes('targets');
  if (!shown) return { span: null, toDate: null, audience, shown, targetShown };
  const span = await metricSpan(partnershipId);
  const toDate = span ? await activationSum({ targetShown }, partnershipId, '0001-01-01', span.last) : null;
  return { span, toDate, audience, shown, targetShown };
}

/** Cards added over [from, to] with its target, or with `target: null` when the targets are hidden from the reader. */
export async function activationSum(basis: { targetShown: boolean }, partnershipId: string, from: IsoDay, to: IsoDay) {
  const sum = await sumWithTarget(partnershipId, ACTIVATION_METRIC, from, to);
  return basis.targetShown ? sum : { actual: sum.actual, target: null };
}
