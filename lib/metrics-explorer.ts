import type { IsoDay } from './dates';
import type { Granularity } from './granularity';
import type { PeriodCoverage } from './periods';
import type { MetricsQuery } from './schemas/metrics-api';

/** What the metrics explorer page receives: plain data for the filters, chart and table. */
export type ExplorerRow = { region: string; metric: string; periodStart: IsoDay; value: string };

export type ExplorerChartSeries = {
  metric: { key: string; name: string; unit: string; aggregation: 'SUM' | 'LAST' };
  periods: IsoDay[];
  /** region code → one value per period (null: no data that period) */
  byRegion: { code: string; name: string; values: (number | null)[] }[];
};

export type ExplorerView = {
  partnership: { slug: string; name: string };
  options: {
    /** Only those the reader may see; `confidential`: marked so for those who see it (issue 17). */
    metrics: { key: string; name: string; unit: string; aggregation: 'SUM' | 'LAST'; confidential: boolean }[];
    regions: { code: string; name: string }[];
  };
  span: { first: IsoDay; last: IsoDay } | null;
  /** the view as the URL states it, with the defaults filled in (what the exports ask for) */
  query: Omit<MetricsQuery, 'format' | 'download'>;
  granularity: Granularity;
  total: number;
  /** too many rows for the screen (the exports still hold them all) */
  tooMany: boolean;
  page: number;
  pageSize: number;
  rows: ExplorerRow[];
  chart: ExplorerChartSeries[] | null;
  /** periods the range cuts (first and last), marked in the chart, the table and the exports */
  partial: PeriodCoverage[];
  /** the range narrowed (or widened) to whole periods; null when it has no partial period */
  wholePeriods: { from: IsoDay; to: IsoDay } | null;
};

export const EXPLORER_ROW_LIMIT = 20_000;
export const EXPLORER_PAGE_SIZE = 100;
export const EXPLORER_CHART_PERIODS = 1_500;
