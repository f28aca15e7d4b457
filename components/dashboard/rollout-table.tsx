'use client';

// A client component fed plain rows: the server sends the rows once as data instead of every
// element of the table (issue 14: the RSC render of a table's elements cost more than the HTML).

import Link from '@/components/link';
import { Badge } from '@/components/ui/badge';
import type { RolloutRow } from '@/lib/dashboard';
import { ROLLOUT_STATUS_LABELS } from '@/lib/domain';
import { formatDay } from '@/lib/format';

const fmt = (d: string | null) => (d ? formatDay(d) : '—');

function BlockerList({ blockers }: { blockers: RolloutRow['readiness']['blockers'] }) {
  return (
    <ul className="mt-1 space-y-0.5 text-xs">
      {blockers.map((b) => (
        <li key={b.id}>
          <bdi className="font-medium">{b.name}</bdi> <span className="muted">({b.kind}, <bdi>{b.reason}</bdi>)</span>
        </li>
      ))}
    </ul>
  );
}

function Readiness({ row }: { row: RolloutRow }) {
  const { state, blockers, lapsed } = row.readiness;
  if (state === 'ready') return <Badge tone="success">Ready</Badge>;
  if (state === 'withdrawn') return <span className="muted">Withdrawn</span>;
  if (lapsed.length) return <div><Badge tone="danger">Launched, approval lapsed</Badge><BlockerList blockers={lapsed} /></div>;
  if (state === 'live') return <span className="text-emerald-800 dark:text-emerald-300">Launched</span>;
  if (state === 'pilot') {
    return blockers.length
      ? <div><Badge tone="info">In pilot; live blocked by</Badge><BlockerList blockers={blockers} /></div>
      : <Badge tone="success">In pilot; ready to go live</Badge>;
  }
  return <div><Badge tone="warning">Blocked by</Badge><BlockerList blockers={blockers} /></div>;
}

export function RolloutTable({ rows, slug }: { rows: RolloutRow[]; slug: string }) {
  if (!rows.length) return <p className="text-sm muted">No regions planned yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="phone-cards min-w-full text-left text-sm">
        <caption className="sr-only">Rollout by region with launch readiness</caption>
        <thead className="text-xs uppercase tracking-wide muted">
          <tr>
            <th scope="col" className="py-2 pr-4 font-medium">Region</th>
            <th scope="col" className="py-2 pr-4 font-medium">Status</th>
            <th scope="col" className="py-2 pr-4 font-medium">Launch planned</th>
            <th scope="col" className="py-2 pr-4 font-medium">Launched</th>
            <th scope="col" className="py-2 font-medium">Readiness</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 align-top dark:divide-slate-800">
          {rows.map((r) => (
            <tr key={r.id} data-region={r.region}>
              <th scope="row" className="py-2 pr-4 font-medium"><Link href={`/partnerships/${slug}/rollouts/${r.id}`} className="underline-offset-2 hover:underline"><bdi>{r.regionName}</bdi></Link> <span className="text-xs muted">{r.region}</span></th>
              <td data-label="Status" className="py-2 pr-4">{ROLLOUT_STATUS_LABELS[r.status]}</td>
              <td data-label="Launch planned" className="py-2 pr-4 whitespace-nowrap">{fmt(r.plannedLaunchOn)}</td>
              <td data-label="Launched" className="py-2 pr-4 whitespace-nowrap">{fmt(r.actualLaunchOn ?? r.actualPilotOn)}{!r.actualLaunchOn && r.actualPilotOn ? ' (pilot)' : ''}</td>
              <td data-label="Readiness" className="py-2"><Readiness row={r} /></td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
