'use client';

import dynamic from 'next/dynamic';
import type { ActivationChart } from '@/lib/dashboard';

// Recharts loads as its own chunk after the page: the dashboard's first load stays small.
const Chart = dynamic(() => import('./activation-chart').then((m) => m.ActivationChart), {
  ssr: false,
  loading: () => <div className="h-80 w-full animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" role="status" aria-label="Loading chart" />,
});

export function ActivationChartIsland({ chart }: { chart: ActivationChart }) {
  return <Chart chart={chart} />;
}
