'use client';

import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { CancelButton, EditDisclosure, useEditPanel } from '@/components/forms/edit-disclosure';
import { History, type HistoryEntry } from '@/components/audit/entity-history';
import { Badge, type Tone } from '@/components/ui/badge';
import { useAnnounce } from '@/components/ui/page-notice';
import { CHECKPOINT_STATUS_LABELS, RISK_LABELS, type CheckpointStatus } from '@/lib/domain';
import { formatDay } from '@/lib/format';
import type { CheckpointDto } from '@/server/checkpoints/queries';
import { CheckpointForm } from './checkpoint-form';

const TONE: Partial<Record<CheckpointStatus, Tone>> = { APPROVED: 'success', APPROVED_WITH_CONDITIONS: 'success', REJECTED: 'danger', UNDER_REVIEW: 'info', FILED: 'info' };

/** One regulatory checkpoint: its facts on one line; edit and delete in its panel. */
export function CheckpointRow({ c, gates, actions, history }: {
  c: CheckpointDto;
  /** Names of the regions this checkpoint gates (deleting it removes those gates). */
  gates: string[];
  actions: { update: Action; remove: Action };
  history: HistoryEntry[];
}) {
  return (
    <li className="py-1" data-checkpoint={c.regulator}>
      <EditDisclosure label={c.regulator} facts={<CheckpointFacts c={c} gates={gates} />}>
        <Panel c={c} gates={gates} actions={actions} history={history} />
      </EditDisclosure>
    </li>
  );
}

function CheckpointFacts({ c, gates }: { c: CheckpointDto; gates: string[] }) {
  const when = c.decidedOn ? `decided ${formatDay(c.decidedOn)}` : c.decisionDueOn ? `decision due ${formatDay(c.decisionDueOn)}` : c.filedOn ? `filed ${formatDay(c.filedOn)}` : 'not filed';
  return (
    <span className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
      <span className="min-w-0 font-medium [overflow-wrap:anywhere]"><bdi>{c.regulator}</bdi> ({c.jurisdiction})</span>
      <Badge tone={TONE[c.status] ?? 'neutral'}>{CHECKPOINT_STATUS_LABELS[c.status]}</Badge>
      <span className="text-xs muted">{RISK_LABELS[c.risk]} risk · {when}{gates.length ? ` · gates ${gates.join(', ')}` : ''}</span>
      <span className="text-xs muted [overflow-wrap:anywhere]">· <bdi>{c.requirement}</bdi></span>
    </span>
  );
}

function Panel({ c, gates, actions, history }: {
  c: CheckpointDto; gates: string[]; actions: { update: Action; remove: Action }; history: HistoryEntry[]; }) {
  const { saved, close } = useEditPanel();
  return (
    <>
      <CheckpointForm action={actions.update} onSuccess={saved} c={c} after={<CancelButton onClick={close} />} />
      <DeleteCheckpoint action={actions.remove} c={c} gates={gates} />
      <History entries={history} entityType="RegulatoryCheckpoint" label={c.regulator} />
    </>
  );
}

/**
 * Deleting asks first, in the page (a second disclosure, so it works without JavaScript too), and
 * says which regions stop waiting on the checkpoint: their gate goes in the same step.
 */
function DeleteCheckpoint({ action, c, gates }: { action: Action; c: CheckpointDto; gates: string[] }) {
  const announce = useAnnounce();
  // The row goes away with its own message: the confirmation (and the keyboard focus) goes to the
  // section's notice line instead.
  const { state, formAction, pending, onSubmit } = useActionForm(async (prev, formData) => {
    const next = await action(prev, formData);
    if (next.status === 'success') announce({ message: next.message, focus: true });
    return next;
  });
  return (
    <details className="border-t border-slate-200 pt-3 text-sm dark:border-slate-700">
      <summary className="w-fit cursor-pointer rounded-md border border-rose-300 px-3 py-1.5 font-medium text-rose-800 hover:bg-rose-50 dark:border-rose-800 dark:text-rose-200 dark:hover:bg-rose-950">
        Delete this checkpoint…
      </summary>
      <form action={formAction} onSubmit={onSubmit} aria-label={`Delete ${c.regulator}`} className="mt-2 space-y-2 rounded-md border border-rose-300 bg-rose-50 p-3 dark:border-rose-800 dark:bg-rose-950">
        <input type="hidden" name="id" value={c.id} />
        <input type="hidden" name="version" value={c.version} />
        <p>
          Delete <bdi className="font-medium">{c.regulator}</bdi> ({c.jurisdiction}) for good?{' '}
          {gates.length
            ? <>It gates {gates.join(', ')}: {gates.length === 1 ? 'that region stops' : 'those regions stop'} waiting on it, in the same step.</>
            : 'It gates no region.'}{' '}
          Its history stays in the audit trail.
        </p>
        <button type="submit" disabled={pending} className="rounded-md bg-rose-700 px-3 py-1.5 text-sm font-semibold text-white hover:bg-rose-800 disabled:opacity-60">
          {pending ? 'Deleting…' : `Delete ${c.regulator}`}
        </button>
        <ActionOutcome state={state} />
      </form>
    </details>
  );
}
