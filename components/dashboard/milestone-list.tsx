'use client';

// A client component fed plain rows: the server sends the milestones once as data instead of every
// element of the list (issue 14: the RSC render of a list's elements cost more than its HTML).

import Link from '@/components/link';
import { Badge, type Tone } from '@/components/ui/badge';
import type { MilestoneRow } from '@/lib/dashboard';
import { MILESTONE_STATUS_LABELS, type MilestoneStatus } from '@/lib/domain';
import { formatDay } from '@/lib/format';

const TONE: Record<MilestoneStatus, Tone> = { NOT_STARTED: 'neutral', IN_PROGRESS: 'info', BLOCKED: 'danger', DONE: 'success' };

function Slip({ m }: { m: MilestoneRow }) {
  if (m.slipDays === null) return <span className="muted">No due date</span>;
  if (m.slipDays === 0) return <span className="text-emerald-800 dark:text-emerald-300">{m.status === 'DONE' ? 'On time' : 'On schedule'}</span>;
  return <span className="font-medium text-rose-700 dark:text-rose-300">{`Slipped ${m.slipDays} day${m.slipDays === 1 ? '' : 's'}`}</span>;
}

/** The milestones of the timeline, in the order given. */
export function MilestoneList({ milestones, slug }: { milestones: MilestoneRow[]; slug: string }) {
  return (
    <ol className="milestone-timeline relative space-y-3 border-l-2 border-slate-200 pl-5 dark:border-slate-700">
      {milestones.map((m) => (
        <li key={m.id} className="relative" data-milestone={m.title}>
          <span aria-hidden className={m.status === 'DONE' ? 'bg-emerald-500' : m.slipDays ? 'bg-rose-500' : 'bg-slate-400'} />
          <div className="flex flex-wrap items-center gap-2">
            <Link href={`/partnerships/${slug}/milestones/${m.id}`}><bdi>{m.title}</bdi></Link>
            <Badge tone={TONE[m.status]}>{MILESTONE_STATUS_LABELS[m.status]}</Badge>
          </div>
          <div className="mt-0.5 flex flex-wrap gap-x-4 text-xs ink">
            <span>{`Due ${m.dueOn ? formatDay(m.dueOn) : '—'}${m.originalDueOn && m.originalDueOn !== m.dueOn ? ` (first planned ${formatDay(m.originalDueOn)})` : ''}`}</span>
            {m.completedOn ? <span>{`Done ${formatDay(m.completedOn)}`}</span> : null}
            <Slip m={m} />
            {m.owner ? <span>Owner: <bdi>{m.owner}</bdi></span> : null}
          </div>
          {m.blockedReason && m.status === 'BLOCKED' ? <p className="mt-0.5 text-xs text-rose-800 dark:text-rose-300">Blocked: <bdi className="whitespace-pre-line">{m.blockedReason}</bdi></p> : null}
        </li>
      ))}
    </ol>
  );
}
