'use client';

import type { Action } from '@/components/forms/action-form';
import { CancelButton, EditDisclosure, useEditPanel } from '@/components/forms/edit-disclosure';
import { History, type HistoryEntry } from '@/components/audit/entity-history';
import { Badge, type Tone } from '@/components/ui/badge';
import { ROLLOUT_STATUS_LABELS, type RolloutStatus } from '@/lib/domain';
import { formatDay } from '@/lib/format';
import type { RolloutDto } from '@/server/rollouts/queries';
import { GatesForm, RolloutForm } from './rollout-form';

const TONE: Record<RolloutStatus, Tone> = { PLANNED: 'neutral', PILOT: 'info', LIVE: 'success', PAUSED: 'warning', WITHDRAWN: 'danger' };
const day = (d: string | null) => (d ? formatDay(d) : '—');

/** One region's rollout: status and dates on one line; details and gates in its panel. */
export function RolloutRow({ r, checkpoints, milestones, actions, history, waiting }: {
  r: RolloutDto;
  /** Going live asked for and waiting for approval (issue 17): who asked. */
  waiting?: { requestedBy: string } | null;
  checkpoints: { id: string; label: string }[];
  milestones: { id: string; label: string }[];
  actions: { update: Action; gates: Action };
  history: HistoryEntry[];
}) {
  return (
    <li className="py-1" data-rollout={r.region}>
      <EditDisclosure label={`${r.regionName} rollout`} facts={<RolloutFacts r={r} waiting={waiting} />}>
        <Panel r={r} checkpoints={checkpoints} milestones={milestones} actions={actions} history={history} />
      </EditDisclosure>
    </li>
  );
}

function RolloutFacts({ r, waiting }: { r: RolloutDto; waiting?: { requestedBy: string } | null }) {
  const blockers = r.status !== 'LIVE' ? r.readiness.blockers : [];
  return (
    <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span className="font-medium">{r.regionName}</span>
      <Badge tone={TONE[r.status]}>{ROLLOUT_STATUS_LABELS[r.status]}</Badge>
      <span className="text-xs muted">planned {day(r.plannedLaunchOn)} · launched {day(r.actualLaunchOn)}</span>
      {blockers.length ? <span data-testid="launch-blockers" className="basis-full text-xs muted [overflow-wrap:anywhere]">Gated by <bdi>{blockers.map((b) => `${b.name} (${b.reason})`).join(', ')}</bdi></span> : null}
      {waiting ? <span className="basis-full text-xs text-amber-800 dark:text-amber-200" data-waiting-approval>Going live waits for approval (asked by <bdi>{waiting.requestedBy}</bdi>).</span> : null}
      {r.flaggedReason ? <span className="basis-full text-xs text-rose-700 dark:text-rose-300 [overflow-wrap:anywhere]">{r.flaggedReason}</span> : null}
    </span>
  );
}

function Panel({ r, checkpoints, milestones, actions, history }: {
  r: RolloutDto; checkpoints: { id: string; label: string }[]; milestones: { id: string; label: string }[];
  actions: { update: Action; gates: Action }; history: HistoryEntry[]; }) {
  const { saved, close } = useEditPanel();
  return (
    <>
      <RolloutForm action={actions.update} onSuccess={saved} r={r} after={<CancelButton onClick={close} />} />
      <GatesForm action={actions.gates} onSuccess={saved} r={r} checkpoints={checkpoints} milestones={milestones} />
      <History entries={history} entityType="Rollout" label={`${r.regionName} rollout`} />
    </>
  );
}
