'use client';

// A client component fed plain rows: the server sends the rows once as data instead of every
// element of the table (issue 14: the RSC render of a table's elements cost more than the HTML).

import Link from '@/components/link';
import { Sparkline } from '@/components/charts/sparkline';
import { HealthBadge } from '@/components/dashboard/health-badge';
import { Badge } from '@/components/ui/badge';
import { unpackNumbers } from '@/lib/chart-wire';
import type { IsoDay } from '@/lib/dates';
import { ROLLOUT_STATUS_LABELS, type PartnershipStage, type RolloutStatus } from '@/lib/domain';
import { describeDue, formatDay, formatInteger } from '@/lib/format';
import type { Health } from '@/lib/rules/health';
import { StageAge, type StageAgeFacts } from './stage-age';
import { StageBadge } from './stage-badge';

type Window = { actual: number; target: number | null };
export type PortfolioTableRow = {
  slug: string;
  name: string;
  stage: PartnershipStage;
  stageAge: StageAgeFacts;
  closedOn: IsoDay | null;
  owner: string;
  parties: { name: string; role: string }[];
  isDemoData: boolean;
  health: Health;
  nextMilestone: { title: string; dueOn: IsoDay | null } | null;
  overdueMilestones: number;
  staleCheckpoints: number;
  blockers: string[];
  regions: { code: string; name: string; status: RolloutStatus }[];
  regionsLive: number;
  /** `daily`: the 30 days' figures as one string (lib/chart-wire.ts `packNumbers`): 30 values a row in the payload were 750 on a page of 25. */
  activation: { asOf: IsoDay; last7: Window; last30: Window; daily: string } | null;
};

// The dot's size and shape come from .region-list (app/globals.css); its colour says the status.
const REGION_DOT: Record<RolloutStatus, string> = {
  LIVE: 'bg-emerald-500', PILOT: 'bg-sky-500', PLANNED: 'bg-slate-300 dark:bg-slate-600', PAUSED: 'bg-amber-500', WITHDRAWN: 'bg-rose-500',
};

function Pct({ w }: { w: Window }) {
  if (!w.target) return null;
  const pct = (w.actual / w.target) * 100;
  return <span className={pct >= 95 ? 'text-emerald-800 dark:text-emerald-300' : 'text-rose-700 dark:text-rose-300'}>{` (${pct.toFixed(0)}% of target)`}</span>;
}

export function PortfolioTable({ rows, today }: { rows: PortfolioTableRow[]; today: IsoDay }) {
  return (
    <div className="overflow-x-auto card shadow-sm">
      <table className="phone-cards min-w-full text-left text-sm">
        <caption className="sr-only">Partnerships with stage, days in stage, health, next milestone, blockers, regions live and activation</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:text-slate-400">
          <tr>
            <th scope="col" className="px-4 py-3 font-medium">Partnership</th>
            <th scope="col" className="px-4 py-3 font-medium">Stage</th>
            <th scope="col" className="px-4 py-3 font-medium">Health</th>
            <th scope="col" className="px-4 py-3 font-medium">Next milestone</th>
            <th scope="col" className="px-4 py-3 font-medium">Regulatory blockers</th>
            <th scope="col" className="px-4 py-3 font-medium">Regions live</th>
            <th scope="col" className="px-4 py-3 font-medium">Activation</th>
          </tr>
        </thead>
        <tbody className="portfolio-rows divide-y divide-slate-100 dark:divide-slate-800">
          {rows.map((row) => (
            <tr key={row.slug} className="align-top" data-partnership={row.slug}>
              <th scope="row" className="font-normal">
                <div className="flex flex-wrap items-center gap-2">
                  <Link href={`/partnerships/${row.slug}`} className="font-semibold text-slate-900 underline-offset-2 hover:underline dark:text-white"><bdi>{row.name}</bdi></Link>
                  {row.isDemoData ? <Badge tone="neutral" title="Figures beyond the reported facts are synthetic">Demo data</Badge> : null}
                </div>
                <ul className="fine-list" aria-label={`Parties to ${row.name}`}>
                  {row.parties.map((p) => (
                    <li key={p.name}><bdi className="ink">{p.name}</bdi> · <bdi>{p.role}</bdi></li>
                  ))}
                </ul>
                <div className="mt-1 text-xs muted">Owner: <bdi>{row.owner}</bdi></div>
              </th>
              <td data-label="Stage">
                <StageBadge stage={row.stage} />
                <div className="mt-1">
                  {row.closedOn ? <span className="text-xs muted">Closed <time dateTime={row.closedOn}>{formatDay(row.closedOn)}</time></span> : <StageAge stage={row.stage} age={row.stageAge} />}
                </div>
              </td>
              <td data-label="Health" className="max-w-56"><HealthBadge health={row.health} withReasons /></td>
              <td data-label="Next milestone">
                <NextMilestone milestone={row.nextMilestone} today={today} />
                {row.overdueMilestones > 1 ? <div className="mt-1 text-xs font-medium text-rose-700 dark:text-rose-300">{`${row.overdueMilestones} milestones past due`}</div> : null}
              </td>
              <td data-label="Regulatory blockers">
                {row.blockers.length ? (
                  <div><span className="font-medium tabular-nums">{`${row.blockers.length} open`}</span>
                    <ul className="fine-list">{row.blockers.map((b) => <li key={b}><bdi>{b}</bdi></li>)}</ul>
                  </div>
                ) : <span className="muted">None</span>}
                {row.staleCheckpoints ? <div className="mt-1 text-xs font-medium text-amber-800 dark:text-amber-300">{`${row.staleCheckpoints} with no update for 30+ days`}</div> : null}
              </td>
              <td data-label="Regions live">
                <div className="font-medium tabular-nums">{`${row.regionsLive} of ${row.regions.length}`}</div>
                <ul className="region-list mt-1 flex flex-wrap gap-x-3 gap-y-1 text-xs text-slate-600 dark:text-slate-300" aria-label={`Regions of ${row.name}`}>
                  {row.regions.map((r) => (
                    <li key={r.code} title={`${r.name}: ${ROLLOUT_STATUS_LABELS[r.status]}`}>
                      <span aria-hidden className={REGION_DOT[r.status]} />
                      <span>{r.code}</span>{` ${ROLLOUT_STATUS_LABELS[r.status]}`}
                    </li>
                  ))}
                </ul>
              </td>
              <td data-label="Activation" className="text-xs">
                {row.activation ? (
                  <div className="space-y-1">
                    <Sparkline values={unpackNumbers(row.activation.daily).map((v) => v ?? 0)} label={`Cards added per day over the 30 days to ${formatDay(row.activation.asOf)}`} />
                    <div><span className="font-medium">7 days:</span>{` ${formatInteger(row.activation.last7.actual)}`}<Pct w={row.activation.last7} /></div>
                    <div><span className="font-medium">30 days:</span>{` ${formatInteger(row.activation.last30.actual)}`}<Pct w={row.activation.last30} /></div>
                  </div>
                ) : <span className="muted">No data yet</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function NextMilestone({ milestone, today }: { milestone: PortfolioTableRow['nextMilestone']; today: IsoDay }) {
  if (!milestone) return <span className="muted">All milestones done</span>;
  const due = milestone.dueOn ? describeDue(milestone.dueOn, today) : null;
  return (
    <div>
      <bdi className="block text-slate-800 dark:text-slate-200">{milestone.title}</bdi>
      {milestone.dueOn && due ? (
        <div className={`mt-1 text-xs ${due.overdue ? 'font-medium text-rose-700 dark:text-rose-300' : 'muted'}`}>
          <time dateTime={milestone.dueOn}>{formatDay(milestone.dueOn)}</time>{` · ${due.text}`}
        </div>
      ) : <div className="mt-1 text-xs muted">No due date</div>}
    </div>
  );
}
