'use client';

import dynamic from 'next/dynamic';
import { useEffect, useMemo, useRef, useState } from 'react';
import { unpackChart, type PackedChart } from '@/lib/chart-wire';

const skeleton = <div className="h-80 w-full animate-pulse rounded-lg bg-slate-100 dark:bg-slate-800" role="status" aria-label="Loading chart" data-loading />;

// Recharts loads as its own chunk, and only once the chart is about to scroll into view: on a
// phone it sits below the KPIs and the review list, so the first load stays light.
const Chart = dynamic(() => import('./activation-chart').then((m) => m.ActivationChart), { ssr: false, loading: () => skeleton });

export function ActivationChartIsland({ chart: packed }: { chart: PackedChart }) {
  const ref = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    const node = ref.current;
    if (!node || typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setVisible(true);
        observer.disconnect();
      }
    }, { rootMargin: '200px' });
    observer.observe(node);
    return () => observer.disconnect();
  }, []);
  const chart = useMemo(() => (visible ? unpackChart(packed) : null), [visible, packed]);
  return <div ref={ref}>{chart ? <Chart chart={chart} /> : skeleton}</div>;
}
