'use client';

import type { Action } from '@/components/forms/action-form';
import { LimitedInput } from '@/components/forms/limited-text';
import { Field, fieldClass, RowForm } from '@/components/forms/row-form';
import { MILESTONE_STATUS_LABELS, MILESTONE_STATUSES } from '@/lib/domain';
import type { PartnerMilestone } from '@/server/partner-workspace/queries';

/** A partner's update of a milestone their organization owns: status, due date, reason if blocked. */
export function MilestoneProgressForm({ action, m }: { action: Action; m: PartnerMilestone }) {
  return (
    <RowForm action={action} id={m.id} version={m.version} label={`Update ${m.title}`}>
      {(v) => (
        <>
          <Field label="Status">
            <select name="status" defaultValue={v?.status ?? m.status} className={fieldClass} aria-label={`Status of ${m.title}`}>
              {MILESTONE_STATUSES.map((s) => <option key={s} value={s}>{MILESTONE_STATUS_LABELS[s]}</option>)}
            </select>
          </Field>
          <Field label="Due">
            <input type="date" name="dueOn" defaultValue={v?.dueOn ?? m.dueOn ?? ''} className={fieldClass} aria-label={`Due date of ${m.title}`} />
          </Field>
          <Field label="Reason if blocked">
            <LimitedInput name="blockedReason" defaultValue={v?.blockedReason ?? m.blockedReason ?? ''} limit={500} className={`${fieldClass} w-full sm:w-64`} aria-label={`Reason ${m.title} is blocked`} />
          </Field>
        </>
      )}
    </RowForm>
  );
}
