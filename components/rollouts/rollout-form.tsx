'use client';

import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { CheckboxPicker } from '@/components/forms/checkbox-picker';
import { useOnSuccess } from '@/components/forms/edit-disclosure';
import { secondaryButtonClass } from '@/components/forms/form-message';
import { Field, fieldClass, RowForm } from '@/components/forms/row-form';
import { ROLLOUT_STATUS_LABELS } from '@/lib/domain';
import type { RolloutDto } from '@/server/rollouts/queries';

/** Status, planned dates and the day it actually went live (empty while going live = today). */
export function RolloutForm({ action, r, after, onSuccess }: { action: Action; r: RolloutDto; after?: React.ReactNode; onSuccess?: (message: string) => void }) {
  return (
    <RowForm action={action} id={r.id} version={r.version} label={`Update ${r.regionName} rollout`} after={after} onSuccess={onSuccess}>
      {(v) => (
        <>
          <Field label="Status">
            <select name="status" defaultValue={v?.status ?? r.status} className={fieldClass} aria-label={`Status of ${r.regionName}`}>
              {[r.status, ...r.allowedStatuses].map((s) => <option key={s} value={s}>{ROLLOUT_STATUS_LABELS[s]}</option>)}
            </select>
          </Field>
          <Field label="Planned pilot">
            <input type="date" name="plannedPilotOn" defaultValue={v?.plannedPilotOn ?? r.plannedPilotOn ?? ''} className={fieldClass} />
          </Field>
          <Field label="Planned launch">
            <input type="date" name="plannedLaunchOn" defaultValue={v?.plannedLaunchOn ?? r.plannedLaunchOn ?? ''} className={fieldClass} />
          </Field>
          <Field label="Actual launch">
            <input type="date" name="actualLaunchOn" defaultValue={v?.actualLaunchOn ?? r.actualLaunchOn ?? ''} className={fieldClass}
              aria-label={`Actual launch of ${r.regionName}`} aria-describedby={`launch-hint-${r.id}`} />
          </Field>
          <p id={`launch-hint-${r.id}`} className="basis-full text-xs muted">
            The actual launch is the day the region went live: not in the future. Left empty when it goes live, it is today.
          </p>
        </>
      )}
    </RowForm>
  );
}

/** Which checkpoints and milestones gate the region: two checkbox lists, one save. */
export function GatesForm({ action, r, checkpoints, milestones, onSuccess }: {
  action: Action;
  r: RolloutDto;
  checkpoints: { id: string; label: string }[];
  milestones: { id: string; label: string }[];
  onSuccess: (message: string) => void;
}) {
  const { state, formAction, pending, onSubmit } = useActionForm(action);
  useOnSuccess(state, onSuccess);
  return (
    <form action={formAction} onSubmit={onSubmit} aria-label={`Gates of ${r.regionName}`} className="flex flex-wrap items-end gap-3 border-t border-slate-200 pt-3 dark:border-slate-700">
      <input type="hidden" name="id" value={r.id} />
      <input type="hidden" name="version" value={r.version} />
      <CheckboxPicker legend="Gated by checkpoints" name="checkpointIds" options={checkpoints} selected={r.checkpointIds} empty="This deal has no checkpoints yet." />
      <CheckboxPicker legend="Gated by milestones" name="milestoneIds" options={milestones} selected={r.milestoneIds} empty="This deal has no milestones yet." />
      <button type="submit" disabled={pending} className={`${secondaryButtonClass} py-1.5`}>{pending ? 'Saving…' : 'Save gates'}</button>
      <ActionOutcome state={state} />
    </form>
  );
}
