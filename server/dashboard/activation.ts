import 'server-only';
import type { IsoDay } from '@/lib/dates';
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
};

export async function loadActivationBasis(partnershipId: string, audience: MetricAudience): Promise<ActivationBasis> {
  const shown = (await visibleMetrics(audience, partnershipId)).some((m) => m.key === ACTIVATION_METRIC);
  if (!shown) return { span: null, toDate: null, audience, shown };
  const span = await metricSpan(partnershipId);
  const toDate = span ? await sumWithTarget(partnershipId, ACTIVATION_METRIC, '0001-01-01', span.last) : null;
  return { span, toDate, audience, shown };
}
