import 'server-only';
import type { IsoDay } from '@/lib/dates';
import { partialPeriods } from '@/lib/periods';
import type { MetricsQuery } from '@/lib/schemas/metrics-api';
import type { ResolvedQuery } from './rows';

export const BUCKET_CONVENTION = "Each region's local calendar day; weeks are ISO weeks starting Monday; months and quarters are calendar ones.";
export const CUMULATIVE_CONVENTION = 'Flows (cards added, transactions, payment volume) are running totals per region since the first recorded day; levels (active cards) are shown as they are.';

/** What a file says about itself: filters, as-of time, conventions (row count is added at the end). */
export type ExportMeta = {
  partnership: string;
  partnershipName: string;
  metrics: string[];
  regions: string[];
  from: string | null;
  to: string | null;
  granularity: MetricsQuery['granularity'];
  mode: MetricsQuery['mode'];
  asOf: string;
  buckets: string;
  values: string;
  columns: string;
  /**
   * Periods the range cuts (its first and last week, month or quarter), with how many of their
   * days the range holds: their values are not comparable with whole periods. Empty for days.
   */
  partial: { periodStart: IsoDay; days: number; covered: number }[];
};

/** Partial periods, in words: "2014-12-29 (1 of 7 days)", or "none". */
export const describePartial = (partial: ExportMeta['partial']) =>
  partial.map((p) => `${p.periodStart} (${p.covered} of ${p.days} days)`).join('; ') || 'none';

/**
 * `span` (the partnership's first and last day with values) stands in for a missing from or to,
 * so a view without a range still says which of its periods the data only partly fills.
 */
export function exportMeta(q: ResolvedQuery, asOf: Date, span: { first: IsoDay; last: IsoDay } | null = null): ExportMeta {
  const from = q.query.from ?? span?.first ?? null;
  const to = q.query.to ?? span?.last ?? null;
  const partial = from && to ? partialPeriods(from, to, q.query.granularity) : [];
  return {
    partnership: q.partnership.slug,
    partnershipName: q.partnership.name,
    metrics: q.metrics.map((m) => m.key),
    regions: q.regions.map((r) => r.code),
    from: q.query.from,
    to: q.query.to,
    granularity: q.query.granularity,
    mode: q.query.mode,
    asOf: asOf.toISOString(),
    buckets: BUCKET_CONVENTION,
    values: q.query.mode === 'cumulative' ? CUMULATIVE_CONVENTION : 'Per period: flows are summed over the period; levels (active cards) are the last day of the period.',
    columns: 'region (code), metric (key), period_start (ISO-8601 date, first day of the period), value (number)',
    partial: partial.map((c) => ({ periodStart: c.start, days: c.days, covered: c.covered })),
  };
}

/** The metadata as label/value lines, in the order a person reads them (CSV comments, XLSX sheet). */
export function metaLines(meta: ExportMeta): [string, string][] {
  return [
    ['Partnership', `${meta.partnershipName} (${meta.partnership})`],
    ['Metrics', meta.metrics.join(', ')],
    ['Regions', meta.regions.join(', ') || 'none'],
    ['From', meta.from ?? 'first recorded day'],
    ['To', meta.to ?? 'last recorded day'],
    ['Granularity', meta.granularity],
    ['Partial periods', describePartial(meta.partial)],
    ['Values', meta.values],
    ['Buckets', meta.buckets],
    ['As of', meta.asOf],
    ['Columns', meta.columns],
  ];
}

/** e.g. apple-pay-alipay_cards_added_2014-10-20_2015-01-18_week.csv (ASCII only, safe in headers). */
export function exportFileName(meta: ExportMeta, format: string): string {
  const metrics = meta.metrics.length > 3 ? `${meta.metrics.length}-metrics` : meta.metrics.join('+');
  const parts = [meta.partnership, metrics, meta.from ?? 'start', meta.to ?? 'latest', meta.granularity, meta.mode === 'cumulative' ? 'cumulative' : null];
  return `${parts.filter(Boolean).join('_').replace(/[^A-Za-z0-9_+.-]/g, '-')}.${format}`;
}
