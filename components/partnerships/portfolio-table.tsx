import { Badge } from '@/components/ui/badge';
import type { IsoDay } from '@/lib/dates';
import { ROLLOUT_STATUS_LABELS, type RolloutStatus } from '@/lib/domain';
import { describeDue, formatDay } from '@/lib/format';
import { StageBadge } from './stage-badge';

export type PortfolioTableRow = {
  slug: string;
  name: string;
  stage: Parameters<typeof StageBadge>[0]['stage'];
  owner: string;
  parties: { name: string; role: string }[];
  isDemoData: boolean;
  nextMilestone: { title: string; dueOn: IsoDay | null } | null;
  regions: { code: string; name: string; status: RolloutStatus }[];
  regionsLive: number;
};

const REGION_DOT: Record<RolloutStatus, string> = {
  LIVE: 'bg-emerald-500',
  PILOT: 'bg-sky-500',
  PLANNED: 'bg-slate-300 dark:bg-slate-600',
  PAUSED: 'bg-amber-500',
  WITHDRAWN: 'bg-rose-500',
};

export function PortfolioTable({ rows, today }: { rows: PortfolioTableRow[]; today: IsoDay }) {
  return (
    <div className="overflow-x-auto rounded-xl border border-slate-200 bg-white shadow-sm dark:border-slate-800 dark:bg-slate-900">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Partnerships with their stage, owner, next milestone and regions live</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">Partnership</th>
            <th scope="col" className="px-4 py-3 font-medium">Stage</th>
            <th scope="col" className="px-4 py-3 font-medium">Owner</th>
            <th scope="col" className="px-4 py-3 font-medium">Next milestone</th>
            <th scope="col" className="px-4 py-3 font-medium">Regions live</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.slug} className="align-top">
              <th scope="row" className="px-4 py-4 font-normal">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-semibold text-slate-900 dark:text-white">{row.name}</span>
                  {row.isDemoData ? <Badge tone="neutral" title="Figures beyond the reported facts are synthetic">Demo data</Badge> : null}
                </div>
                <ul className="mt-1 space-y-0.5 text-xs text-slate-500 dark:text-slate-400" aria-label={`Parties to ${row.name}`}>
                  {row.parties.map((p) => (
                    <li key={p.name}>
                      <span className="text-slate-700 dark:text-slate-300">{p.name}</span> · {p.role}
                    </li>
                  ))}
                </ul>
              </th>
              <td className="px-4 py-4"><StageBadge stage={row.stage} /></td>
              <td className="whitespace-nowrap px-4 py-4 text-slate-700 dark:text-slate-300">{row.owner}</td>
              <td className="px-4 py-4">
                <NextMilestone milestone={row.nextMilestone} today={today} />
              </td>
              <td className="px-4 py-4">
                <div className="font-medium tabular-nums">
                  {row.regionsLive} of {row.regions.length}
                </div>
                <ul className="mt-1 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-300" aria-label={`Regions of ${row.name}`}>
                  {row.regions.map((r) => (
                    <li key={r.code} className="flex items-center gap-1" title={`${r.name}: ${ROLLOUT_STATUS_LABELS[r.status]}`}>
                      <span aria-hidden className={`size-2 rounded-full ${REGION_DOT[r.status]}`} />
                      <span className="font-medium text-slate-700 dark:text-slate-300">{r.code}</span>{' '}
                      <span>{ROLLOUT_STATUS_LABELS[r.status]}</span>
                    </li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NextMilestone({ milestone, today }: { milestone: PortfolioTableRow['nextMilestone']; today: IsoDay }) {
  if (!milestone) return <span className="text-slate-500 dark:text-slate-400">All milestones done</span>;
  const due = milestone.dueOn ? describeDue(milestone.dueOn, today) : null;
  return (
    <div>
      <div className="text-slate-800 dark:text-slate-200">{milestone.title}</div>
      {milestone.dueOn && due ? (
        <div className={`mt-1 text-xs ${due.overdue ? 'font-medium text-rose-700 dark:text-rose-300' : 'text-slate-500 dark:text-slate-400'}`}>
          <time dateTime={milestone.dueOn}>{formatDay(milestone.dueOn)}</time> · {due.text}
        </div>
      ) : (
        <div className="mt-1 text-xs text-slate-500 dark:text-slate-400">No due date</div>
      )}
    </div>
  );
}
