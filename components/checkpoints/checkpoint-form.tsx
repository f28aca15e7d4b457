'use client';

import type { Action } from '@/components/forms/action-form';
import { Field, fieldClass, RowForm } from '@/components/forms/row-form';
import { CHECKPOINT_STATUS_LABELS, RISK_LABELS, RISK_LEVELS } from '@/lib/domain';
import type { CheckpointDto } from '@/server/checkpoints/queries';
import { LimitedInput } from '@/components/forms/limited-text';
import { SharedWithPartners } from '@/components/forms/shared-with-partners';

/** A checkpoint's edit panel form: status (allowed moves only), risk, dates, conditions, names. */
export function CheckpointForm({ action, c, after, onSuccess }: { action: Action; c: CheckpointDto; after?: React.ReactNode; onSuccess?: (message: string) => void }) {
  return (
    <RowForm action={action} id={c.id} version={c.version} label={`Update ${c.regulator}`} after={after} onSuccess={onSuccess}>
      {(v) => (
        <>
          <Field label="Status">
            <select name="status" defaultValue={v?.status ?? c.status} className={fieldClass} aria-label={`Status of ${c.regulator}`}>
              {[c.status, ...c.allowedStatuses].map((s) => <option key={s} value={s}>{CHECKPOINT_STATUS_LABELS[s]}</option>)}
            </select>
          </Field>
          <Field label="Risk">
            <select name="risk" defaultValue={v?.risk ?? c.risk} className={fieldClass} aria-label={`Risk of ${c.regulator}`}>
              {RISK_LEVELS.map((r) => <option key={r} value={r}>{RISK_LABELS[r]}</option>)}
            </select>
          </Field>
          <Field label="Filed on">
            <input type="date" name="filedOn" defaultValue={v?.filedOn ?? c.filedOn ?? ''} className={fieldClass} aria-label={`Filed on (${c.regulator})`} />
          </Field>
          <Field label="Decision due">
            <input type="date" name="decisionDueOn" defaultValue={v?.decisionDueOn ?? c.decisionDueOn ?? ''} className={fieldClass} />
          </Field>
          <Field label="Decided on">
            <input type="date" name="decidedOn" defaultValue={v?.decidedOn ?? c.decidedOn ?? ''} className={fieldClass} />
          </Field>
          <Field label="Evidence expires">
            <input type="date" name="evidenceExpiresOn" defaultValue={v?.evidenceExpiresOn ?? c.evidenceExpiresOn ?? ''} className={fieldClass} />
          </Field>
          <Field label="Regulator">
            <LimitedInput name="regulator" required limit={200} defaultValue={v?.regulator ?? c.regulator} className={`${fieldClass} w-full sm:w-56`} />
          </Field>
          <Field label="Requirement">
            <LimitedInput name="requirement" required limit={500} defaultValue={v?.requirement ?? c.requirement} className={`${fieldClass} w-full sm:w-72`} />
          </Field>
          <Field label="Conditions">
            <LimitedInput name="conditions" defaultValue={v?.conditions ?? c.conditions ?? ''} limit={2000} className={`${fieldClass} w-full sm:w-72`} />
          </Field>
          <SharedWithPartners defaultChecked={v ? v.sharedWithPartners === 'on' : c.sharedWithPartners} />
        </>
      )}
    </RowForm>
  );
}
