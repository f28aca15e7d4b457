'use client';

// A client component fed plain rows (packed as columns, lib/chart-wire.ts): the server sends the
// page of rows once as data instead of every element of the table (issue 14: the RSC render of a table's elements cost more than its HTML).

import type { Granularity } from '@/lib/granularity';
import { formatPeriod } from '@/lib/format-period';
import { unpackRows, type PackedRows } from '@/lib/chart-wire';
import type { PeriodCoverage } from '@/lib/periods';
import { PartialMark } from './partial-periods';

const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });

// Cell padding, borders and number alignment: .explorer-rows in app/globals.css (said once, not per row).

/** The body of the explorer's table: one row per metric, region and period. */
export function ExplorerRows({ rows: packed, granularity, partial: periods, names }: { rows: PackedRows; granularity: Granularity; partial: PeriodCoverage[]; names: Record<string, string> }) {
  const rows = unpackRows(packed);
  const partial = new Map(periods.map((c) => [c.start, c]));
  return (
    <tbody className="explorer-rows">
      {rows.map((r) => (
        <tr key={`${r.metric}|${r.region}|${r.periodStart}`}
          data-row={`${r.region},${r.metric},${r.periodStart},${r.value}`} data-partial={partial.has(r.periodStart) || undefined}>
          <td>
            <time dateTime={r.periodStart} title={formatPeriod(r.periodStart, granularity, true)}>{r.periodStart}</time>
            <PartialMark coverage={partial.get(r.periodStart)} />
          </td>
          <td>{r.region}</td>
          <td>{names[r.metric] ?? r.metric}</td>
          <td>{numberFormat.format(Number(r.value))}</td>
        </tr>
      ))}
    </tbody>
  );
}
