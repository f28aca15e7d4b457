'use client';

import { useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { unpackSeries, type PackedSeries } from '@/lib/chart-wire';
import type { Granularity } from '@/lib/granularity';
import { formatCompact, formatPeriod } from '@/lib/format-period';
import type { ExplorerChartSeries } from '@/lib/metrics-explorer';
import { describeCoverage, type PeriodCoverage } from '@/lib/periods';
import { regionColor } from './palette';

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

type DotProps = { cx?: number | null; cy?: number | null; index?: number; payload?: { period: string }; value?: unknown };

/**
 * A point of one region's line: filled for a whole period, hollow and dashed for one the range
 * cuts (issue 13, finding 5), always drawn so a partial point is visible even on a dense line.
 */
function pointDot(color: string, partial: Map<string, PeriodCoverage>, dense: boolean, region: string) {
  function Dot(props: DotProps) {
    const key = `${region}-${props.index ?? 0}`;
    if (props.cx == null || props.cy == null || props.value == null) return <g key={key} />;
    const cut = props.payload ? partial.get(props.payload.period) : undefined;
    if (cut) return <circle key={key} cx={props.cx} cy={props.cy} r={4.5} className="fill-white dark:fill-slate-900" stroke={color} strokeWidth={2} strokeDasharray="2 2" data-partial-point />;
    if (dense) return <g key={key} />;
    return <circle key={key} cx={props.cx} cy={props.cy} r={3} fill={color} stroke={color} />;
  }
  return Dot;
}

/** One small chart per metric (units differ), one line per region: the table's numbers, drawn. */
/** The chart from the packed series the island received (lib/chart-wire.ts), unpacked in the browser. */
export function PackedMetricsChart({ series, ...props }: { series: PackedSeries[]; granularity: Granularity; mode: 'period' | 'cumulative'; partial?: PeriodCoverage[] }) {
  const unpacked = useMemo(() => unpackSeries(series), [series]);
  return <MetricsChart series={unpacked} {...props} />;
}

export function MetricsChart({ series, granularity, mode, partial = [] }: { series: ExplorerChartSeries[]; granularity: Granularity; mode: 'period' | 'cumulative'; partial?: PeriodCoverage[] }) {
  const cut = new Map(partial.map((c) => [c.start, c]));
  return (
    <div className={`grid gap-6 ${series.length > 1 ? 'xl:grid-cols-2' : ''}`}>
      {series.map((s) => {
        const rows = s.periods.map((period, i) => ({ period, ...Object.fromEntries(s.byRegion.map((r) => [r.code, r.values[i]])) }));
        const cumulative = mode === 'cumulative' && s.metric.aggregation === 'SUM';
        // Days and weeks over more than one calendar year carry the year on the axis.
        const multiYear = s.periods.length > 0 && s.periods[0]!.slice(0, 4) !== s.periods.at(-1)!.slice(0, 4);
        const tick = (v: string) => (multiYear && (granularity === 'day' || granularity === 'week') ? formatPeriod(v, 'day', true) : formatPeriod(v, granularity));
        return (
          <figure key={s.metric.key} data-testid={`chart-${s.metric.key}`} data-points={s.byRegion.reduce((n, r) => n + r.values.filter((v) => v !== null).length, 0)}>
            <figcaption className="mb-2 text-sm font-semibold">
              {s.metric.name}{cumulative ? ' (cumulative)' : ''} <span className="font-normal muted">· {s.metric.unit}</span>
            </figcaption>
            <div className="h-64 w-full">
              <ResponsiveContainer width="100%" height="100%">
                <LineChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
                  <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="currentColor" strokeOpacity={0.12} />
                  <XAxis dataKey="period" tickFormatter={tick} minTickGap={32} tick={{ fontSize: 11, fill: 'currentColor' }} />
                  <YAxis tickFormatter={(v: number) => formatCompact(v)} tick={{ fontSize: 11, fill: 'currentColor' }} width={52} />
                  <Tooltip
                    labelFormatter={(v) => {
                      const c = cut.get(String(v));
                      return `${formatPeriod(String(v), granularity, true)}${c ? ` · partial: ${describeCoverage(c)}` : ''}`;
                    }}
                    formatter={(value, name) => [numberFormat.format(Number(value)), String(name)]}
                    contentStyle={{ fontSize: 12, background: '#ffffff', color: '#0f172a', borderColor: '#cbd5e1' }}
                    itemStyle={{ color: '#0f172a' }}
                    labelStyle={{ color: '#0f172a', fontWeight: 600 }}
                  />
                  {s.byRegion.map((r, i) => (
                    <Line key={r.code} dataKey={r.code} name={r.name} stroke={regionColor(i)} dot={pointDot(regionColor(i), cut, s.periods.length > 40, r.code)} activeDot={{ r: 4 }} strokeWidth={2} isAnimationActive={false} connectNulls={false} />
                  ))}
                </LineChart>
              </ResponsiveContainer>
            </div>
            <ul className="mt-2 flex flex-wrap gap-3 text-xs" aria-label="Regions">
              {s.byRegion.map((r, i) => (
                <li key={r.code} className="flex items-center gap-1.5"><span aria-hidden className="h-0.5 w-4" style={{ background: regionColor(i) }} />{r.name}</li>
              ))}
              {s.periods.some((p) => cut.has(p)) ? (
                <li className="flex items-center gap-1.5" data-testid="partial-legend">
                  <svg aria-hidden width="12" height="12" viewBox="0 0 12 12"><circle cx="6" cy="6" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" strokeDasharray="2 2" /></svg>
                  Partial {granularity}: fewer days than a whole one
                </li>
              ) : null}
            </ul>
          </figure>
        );
      })}
    </div>
  );
}
