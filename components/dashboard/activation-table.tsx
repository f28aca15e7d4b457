'use client';

import { useEffect, useMemo, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { unpackChart, type PackedChart } from '@/lib/chart-wire';
import type { ActivationChart } from '@/lib/dashboard';
import { formatInteger } from '@/lib/format';
import { formatPeriod } from '@/lib/format-period';
import { PartialMark } from '@/components/metrics/partial-periods';

/**
 * Rows are drawn when the table is opened, or when the page is printed (issue 13, finding 11). The
 * <details> and the print media are read where they live (the DOM), at subscription too: a table
 * opened, or a print begun, before the page was hydrated still gets its rows.
 */
function useShown(details: React.RefObject<HTMLDetailsElement | null>): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const element = details.current;
    const print = window.matchMedia('print');
    const sync = () => setShown(!!element?.open || print.matches);
    // The browser takes its print snapshot right after beforeprint: render the rows before it.
    const before = () => flushSync(() => setShown(true));
    sync();
    element?.addEventListener('toggle', sync);
    print.addEventListener('change', sync);
    window.addEventListener('beforeprint', before);
    return () => {
      element?.removeEventListener('toggle', sync);
      print.removeEventListener('change', sync);
      window.removeEventListener('beforeprint', before);
    };
  }, [details]);
  return shown;
}

/**
 * The chart's numbers as a table, for screen readers and for copying. The numbers are the chart's
 * own (the island already holds them); the rows are drawn only when asked for, so the page's HTML
 * does not carry every period twice (issue 14, goal 4).
 */
export function ActivationTable({ chart: packed }: { chart: PackedChart }) {
  const details = useRef<HTMLDetailsElement>(null);
  const shown = useShown(details);
  const chart = useMemo(() => (shown ? unpackChart(packed) : null), [shown, packed]);
  return (
    <details ref={details} className="mt-4 rounded-lg border border-slate-200 dark:border-slate-800">
      <summary className="cursor-pointer px-3 py-2 text-sm font-medium">{`Table of these numbers (${packed.count} ${packed.granularity}s)`}</summary>
      {chart ? <Rows chart={chart} /> : null}
    </details>
  );
}

function Rows({ chart }: { chart: ActivationChart }) {
  const partial = new Map(chart.partial.map((c) => [c.start, c]));
  return (
    <div className="max-h-96 overflow-auto">
      <table className="min-w-full text-right text-xs tabular-nums" data-testid="activation-table">
        <caption className="sr-only">Cards added per {chart.granularity} by region, cumulative and target</caption>
        <thead className="sticky top-0 bg-slate-50 dark:bg-slate-900">
          <tr>
            <th scope="col" className="px-3 py-2 text-left">Period starting</th>
            {chart.regions.map((r) => <th key={r.code} scope="col" className="px-3 py-2">{r.name}</th>)}
            <th scope="col" className="px-3 py-2">Total</th>
            <th scope="col" className="px-3 py-2">Cumulative</th>
            <th scope="col" className="px-3 py-2">Target (cumulative)</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {chart.points.map((p) => (
            <tr key={p.period} data-partial={partial.has(p.period) || undefined}>
              <th scope="row" className="whitespace-nowrap px-3 py-1 text-left font-normal">
                <time dateTime={p.period}>{formatPeriod(p.period, chart.granularity, true)}</time>
                <PartialMark coverage={partial.get(p.period)} />
              </th>
              {chart.regions.map((r) => <td key={r.code} className="px-3 py-1">{formatInteger(p.byRegion[r.code] ?? 0)}</td>)}
              <td className="px-3 py-1 font-medium">{formatInteger(p.total)}</td>
              <td className="px-3 py-1">{formatInteger(p.cumulative)}</td>
              <td className="px-3 py-1">{p.targetCumulative === null ? '—' : formatInteger(p.targetCumulative)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
