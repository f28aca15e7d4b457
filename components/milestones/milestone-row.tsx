'use client';

import type { Action } from '@/components/forms/action-form';
import { CancelButton, EditDisclosure, useEditPanel } from '@/components/forms/edit-disclosure';
import { History, type HistoryEntry } from '@/components/audit/entity-history';
import { Badge, type Tone } from '@/components/ui/badge';
import { MILESTONE_STATUS_LABELS, type MilestoneStatus } from '@/lib/domain';
import { formatDay } from '@/lib/format';
import type { MilestoneDto } from '@/server/milestones/queries';
import { MilestoneForm } from './milestone-form';
import { DeleteMilestoneButton, MoveButtons } from './milestone-tools';

const TONE: Record<MilestoneStatus, Tone> = { NOT_STARTED: 'neutral', IN_PROGRESS: 'info', BLOCKED: 'danger', DONE: 'success' };

export type MilestoneActions = { update: Action; move: Action; remove: Action };

/** One milestone: its facts on one line, its edit panel (form, order, delete, history) on demand. */
export function MilestoneRow({ m, people, others, first, last, actions, history }: {
  m: MilestoneDto;
  people: { id: string; name: string }[];
  others: { id: string; title: string }[];
  first: boolean;
  last: boolean;
  actions: MilestoneActions;
  history: HistoryEntry[];
}) {
  return (
    <li className="flex items-start gap-2 py-1" data-milestone={m.title}>
      <input type="checkbox" name="selected" value={`${m.id}:${m.version}`} form="bulk-milestones" className="mt-2.5 size-4 shrink-0 accent-brand-600" aria-label={`Select ${m.title}`} />
      <EditDisclosure label={m.title} facts={<MilestoneFacts m={m} others={others} />}>
        <Panel m={m} people={people} others={others} first={first} last={last} actions={actions} history={history} />
      </EditDisclosure>
    </li>
  );
}

function MilestoneFacts({ m, others }: { m: MilestoneDto; others: { id: string; title: string }[] }) {
  const after = others.filter((o) => m.dependsOnIds.includes(o.id)).map((o) => o.title);
  return (
    <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <bdi className="min-w-0 font-medium break-words [overflow-wrap:anywhere]">{m.title}</bdi>
      <Badge tone={TONE[m.status]}>{MILESTONE_STATUS_LABELS[m.status]}</Badge>
      <span className="text-xs muted">
        {m.owner ? <bdi>{m.owner}</bdi> : 'No owner'} · {m.dueOn ? `due ${formatDay(m.dueOn)}` : 'no due date'}
        {after.length ? <> · after <bdi>{after.join(', ')}</bdi></> : null}
      </span>
      {m.status === 'BLOCKED' && m.blockedReason ? <span className="basis-full text-xs text-rose-700 dark:text-rose-300 [overflow-wrap:anywhere]">Blocked: <bdi>{m.blockedReason}</bdi></span> : null}
    </span>
  );
}

function Panel({ m, people, others, first, last, actions, history }: {
  m: MilestoneDto; people: { id: string; name: string }[]; others: { id: string; title: string }[]; first: boolean; last: boolean;
  actions: MilestoneActions; history: HistoryEntry[]; }) {
  const { saved, close } = useEditPanel();
  return (
    <>
      <MilestoneForm action={actions.update} onSuccess={saved} m={m} people={people} others={others} after={<CancelButton onClick={close} />} />
      <div className="flex flex-wrap items-center gap-3 border-t border-slate-200 pt-3 text-sm dark:border-slate-700">
        <span className="text-xs font-medium">Order</span>
        <MoveButtons action={actions.move} id={m.id} version={m.version} title={m.title} first={first} last={last} />
        <DeleteMilestoneButton action={actions.remove} id={m.id} version={m.version} title={m.title} />
      </div>
      <History entries={history} entityType="Milestone" label={m.title} />
    </>
  );
}
