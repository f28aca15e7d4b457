'use client';

import type { PackedChart } from '@/lib/chart-wire';
import { formatDay } from '@/lib/format';
import { formatPeriod } from '@/lib/format-period';
import { EventGlyph } from './event-glyph';

/**
 * The deal events in the chart's range, listed under it (each names the bar it sits in, for screen
 * readers). Fed the same packed chart as the chart and its table, which the page's payload carries
 * once: as server markup the list was ~70 values of it for one event (bench/results/notes.md, 2026-12-06).
 */
export function ChartEvents({ chart }: { chart: PackedChart }) {
  if (!chart.events.length) return null;
  return (
    <div className="mt-3 text-xs ink">
      <h3 className="font-medium">Deal events in this range</h3>
      <ul className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
        {chart.events.map((e) => (
          <li key={e.label + e.day} data-event-kind={e.kind} className="flex items-center gap-1.5">
            <EventGlyph kind={e.kind} />
            <span className="min-w-0"><time dateTime={e.day}>{formatDay(e.day)}</time>: <bdi>{e.label}</bdi> <span className="sr-only">(in the {formatPeriod(e.period, chart.granularity, true)} bar)</span></span>
          </li>
        ))}
      </ul>
    </div>
  );
}
