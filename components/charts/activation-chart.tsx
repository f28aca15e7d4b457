'use client';

import { useMemo, useState, useSyncExternalStore } from 'react';
import { Bar, CartesianGrid, Cell, ComposedChart, Line, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ActivationChart as ChartData, ChartEvent } from '@/lib/dashboard';
import { formatCompact, formatPeriod } from '@/lib/format-period';
import { formatInteger } from '@/lib/format';
import { describeCoverage } from '@/lib/periods';
import { EVENT_COLORS, EventGlyph } from './event-glyph';
import { regionColor } from './palette';

type Row = Record<string, number | string | null> & { period: string };
type ActiveEvent = { events: ChartEvent[]; x: number } | null;

/**
 * The shown marker lives outside the chart's state: when focusing a marker re-rendered the chart,
 * Recharts rebuilt the focused marker, focus fell back to the document and the next Tab landed on
 * the first marker again, a keyboard trap (issue 13, finding 9). Only the tooltip re-renders now.
 */
function createEventStore() {
  let value: ActiveEvent = null;
  const listeners = new Set<() => void>();
  return {
    get: () => value,
    set: (next: ActiveEvent) => {
      value = next;
      for (const l of listeners) l();
    },
    subscribe: (l: () => void) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  };
}
type EventStore = ReturnType<typeof createEventStore>;

/** Cards added per period stacked by region, cumulative and target lines, deal events on the time axis. */
export function ActivationChart({ chart }: { chart: ChartData }) {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const [store] = useState(createEventStore);
  const rows = useMemo<Row[]>(
    () => chart.points.map((p) => ({ period: p.period, ...p.byRegion, cumulative: p.cumulative, target: p.targetCumulative })),
    [chart.points],
  );
  const eventsByPeriod = useMemo(() => {
    const map = new Map<string, ChartEvent[]>();
    for (const e of chart.events) map.set(e.period, [...(map.get(e.period) ?? []), e]);
    return [...map.entries()];
  }, [chart.events]);
  // Periods the range cuts (issue 13, finding 5): paler, outlined bars, and said in the tooltip.
  const partial = useMemo(() => new Map(chart.partial.map((c) => [c.start, c])), [chart.partial]);
  const toggle = (code: string) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(code)) next.delete(code);
      else next.add(code);
      return next;
    });

  return (
    <div className="relative">
      <div className="mb-3 flex flex-wrap items-center gap-2" role="group" aria-label="Regions shown">
        {chart.regions.map((r, i) => (
          <button key={r.code} type="button" aria-pressed={!hidden.has(r.code)} onClick={() => toggle(r.code)}
            className="flex items-center gap-1.5 rounded-full border border-slate-300 px-2.5 py-1 text-xs font-medium aria-[pressed=false]:opacity-50 dark:border-slate-700">
            <span aria-hidden className="size-2.5 rounded-sm" style={{ background: regionColor(i) }} />
            {r.name}
          </button>
        ))}
        <span className="ml-auto flex items-center gap-3 text-xs muted">
          <span className="flex items-center gap-1"><span aria-hidden className="h-0.5 w-4 bg-slate-800 dark:bg-slate-200" />Cumulative</span>
          <span className="flex items-center gap-1"><span aria-hidden className="h-0 w-4 border-t-2 border-dashed border-rose-500" />Target (cumulative)</span>
          <span className="flex items-center gap-1"><EventGlyph kind="stage" />Stage move</span>
          <span className="flex items-center gap-1"><EventGlyph kind="other" />Deal event</span>
          {chart.partial.length ? (
            <span className="flex items-center gap-1" data-testid="partial-legend"><span aria-hidden className="size-2.5 rounded-sm border border-dashed border-current opacity-70" />Partial {chart.granularity}</span>
          ) : null}
        </span>
      </div>
      <div className="h-80 w-full" data-testid="activation-chart">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={rows} margin={{ top: 16, right: 8, bottom: 0, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="currentColor" strokeOpacity={0.12} />
            <XAxis dataKey="period" tickFormatter={(v: string) => formatPeriod(v, chart.granularity)} minTickGap={24} tick={{ fontSize: 11, fill: 'currentColor' }} />
            <YAxis yAxisId="period" tickFormatter={(v: number) => formatCompact(v)} tick={{ fontSize: 11, fill: 'currentColor' }} width={48} />
            <YAxis yAxisId="cumulative" orientation="right" tickFormatter={(v: number) => formatCompact(v)} tick={{ fontSize: 11, fill: 'currentColor' }} width={52} />
            <Tooltip
              labelFormatter={(v) => {
                const cut = partial.get(String(v));
                return `${formatPeriod(String(v), chart.granularity, true)}${cut ? ` · partial: ${describeCoverage(cut)}` : ''}`;
              }}
              formatter={(value, name) => [formatInteger(Number(value)), name === 'cumulative' ? 'Cumulative' : name === 'target' ? 'Target (cumulative)' : String(name)]}
              contentStyle={{ fontSize: 12, background: '#ffffff', color: '#0f172a', borderColor: '#cbd5e1' }}
              // Series colours are for marks; text stays dark on white so it keeps its contrast.
              itemStyle={{ color: '#0f172a' }}
              labelStyle={{ color: '#0f172a', fontWeight: 600 }}
            />
            {chart.regions.map((r, i) =>
              hidden.has(r.code) ? null : (
                <Bar key={r.code} yAxisId="period" dataKey={r.code} name={r.name} stackId="regions" fill={regionColor(i)} isAnimationActive={false}>
                  {rows.map((row) => (partial.has(row.period)
                    ? <Cell key={row.period} fillOpacity={0.4} stroke={regionColor(i)} strokeDasharray="3 2" data-partial-bar />
                    : <Cell key={row.period} />))}
                </Bar>
              ),
            )}
            <Line yAxisId="cumulative" dataKey="cumulative" stroke="currentColor" dot={false} strokeWidth={2} isAnimationActive={false} />
            <Line yAxisId="cumulative" dataKey="target" stroke="#f43f5e" strokeDasharray="5 4" dot={false} strokeWidth={2} isAnimationActive={false} connectNulls />
            {eventsByPeriod.map(([period, events]) => (
              <ReferenceLine key={period} x={period} yAxisId="period" stroke={events.some((e) => e.kind !== 'stage') ? EVENT_COLORS.other : EVENT_COLORS.stage} strokeDasharray="2 3"
                label={(props: { viewBox?: { x?: number; y?: number } }) => (
                  <EventMarker x={props.viewBox?.x ?? 0} y={props.viewBox?.y ?? 0} events={events}
                    onShow={(x) => store.set({ events, x })} onHide={() => store.set(null)} />
                )}
              />
            ))}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
      <EventTooltip store={store} />
    </div>
  );
}

function EventTooltip({ store }: { store: EventStore }) {
  const activeEvent = useSyncExternalStore(store.subscribe, store.get, () => null);
  if (!activeEvent) return null;
  return (
    <div role="tooltip" data-testid="event-tooltip"
      className="pointer-events-none absolute top-10 z-10 max-w-xs -translate-x-1/2 rounded-md border border-amber-300 bg-white px-3 py-2 text-xs shadow-lg dark:border-amber-700 dark:bg-slate-900"
      style={{ left: activeEvent.x }}>
      {activeEvent.events.map((e) => (
        <div key={e.label + e.day}><bdi className="font-medium">{e.label}</bdi> · {e.day}</div>
      ))}
    </div>
  );
}

/** One marker per period: an amber diamond for milestones, filings and rollouts, a violet circle below it for stage moves. */
function EventMarker({ x, y, events, onShow, onHide }: { x: number; y: number; events: ChartEvent[]; onShow: (x: number) => void; onHide: () => void }) {
  const label = events.map((e) => e.label).join('; ');
  const hasStage = events.some((e) => e.kind === 'stage');
  const hasOther = events.some((e) => e.kind !== 'stage');
  const stageY = hasOther ? 15 : 0;
  return (
    <g transform={`translate(${x}, ${y})`} tabIndex={0} role="img" aria-label={`${events.length > 1 ? 'Deal events' : 'Deal event'}: ${label}`} data-testid="event-marker"
      data-kinds={[...new Set(events.map((e) => e.kind))].join(' ')}
      onMouseEnter={() => onShow(x)} onMouseLeave={onHide} onFocus={() => onShow(x)} onBlur={onHide} style={{ cursor: 'pointer', outline: 'none' }}>
      <title>{label}</title>
      {hasOther ? <rect x={-6} y={-6} width={12} height={12} transform="rotate(45)" fill={EVENT_COLORS.other} stroke="#fff" strokeWidth={1.5} /> : null}
      {hasStage ? <circle cx={0} cy={stageY} r={6} fill={EVENT_COLORS.stage} stroke="#fff" strokeWidth={1.5} /> : null}
      {events.length > 1 ? <text x={9} y={4} fontSize={10} fill="currentColor">{events.length}</text> : null}
    </g>
  );
}
