'use client';

import dynamic from 'next/dynamic';
import type { PackedSeries } from '@/lib/chart-wire';
import type { Granularity } from '@/lib/granularity';
import type { PeriodCoverage } from '@/lib/periods';

const skeleton = <div className="h-64 w-full animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" role="status" aria-label="Loading chart" data-loading />;

// Recharts loads as its own chunk, after the page and its table have rendered.
const Chart = dynamic(() => import('./metrics-chart').then((m) => m.PackedMetricsChart), { ssr: false, loading: () => skeleton });

/** `series` arrive packed (lib/chart-wire.ts): each region's values are one string on the wire. */
export function MetricsChartIsland(props: { series: PackedSeries[]; granularity: Granularity; mode: 'period' | 'cumulative'; partial?: PeriodCoverage[] }) {
  return <Chart {...props} />;
}
