'use client';

import { CheckboxPicker } from '@/components/forms/checkbox-picker';
import { Field, fieldClass, RowForm } from '@/components/forms/row-form';
import type { Action } from '@/components/forms/action-form';
import { MILESTONE_STATUS_LABELS, MILESTONE_STATUSES } from '@/lib/domain';
import type { MilestoneDto } from '@/server/milestones/queries';
import { LimitedInput } from '@/components/forms/limited-text';
import { SharedWithPartners } from '@/components/forms/shared-with-partners';

/** A milestone's edit panel form: rename, status, due date, owner, reason, and what it depends on. */
export function MilestoneForm({ action, m, people, others, after, onSuccess }: {
  action: Action;
  m: MilestoneDto;
  people: { id: string; name: string }[];
  others: { id: string; title: string }[];
  after?: React.ReactNode;
  onSuccess?: (message: string) => void;
}) {
  return (
    <RowForm action={action} id={m.id} version={m.version} label={`Update ${m.title}`} after={after} onSuccess={onSuccess}>
      {(v) => (
        <>
          <Field label="Title">
            <LimitedInput name="title" required limit={200} defaultValue={v?.title ?? m.title} className={`${fieldClass} w-full sm:w-80`} aria-label={`Title of ${m.title}`} />
          </Field>
          <Field label="Status">
            <select name="status" defaultValue={v?.status ?? m.status} className={fieldClass} aria-label={`Status of ${m.title}`}>
              {MILESTONE_STATUSES.map((s) => <option key={s} value={s}>{MILESTONE_STATUS_LABELS[s]}</option>)}
            </select>
          </Field>
          <Field label="Due">
            <input type="date" name="dueOn" defaultValue={v?.dueOn ?? m.dueOn ?? ''} className={fieldClass} aria-label={`Due date of ${m.title}`} />
          </Field>
          <Field label="Owner">
            <select name="ownerId" defaultValue={v?.ownerId ?? m.ownerId ?? ''} className={fieldClass}>
              <option value="">Nobody</option>
              {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </Field>
          <Field label="Reason if blocked">
            <LimitedInput name="blockedReason" defaultValue={v?.blockedReason ?? m.blockedReason ?? ''} limit={500} className={`${fieldClass} w-full sm:w-64`} />
          </Field>
          <SharedWithPartners defaultChecked={v ? v.sharedWithPartners === 'on' : m.sharedWithPartners} />
          <input type="hidden" name="dependsOnIdsPresent" value="1" />
          <CheckboxPicker legend={`Milestones ${m.title} depends on`} name="dependsOnIds" selected={m.dependsOnIds}
            options={others.map((o) => ({ id: o.id, label: o.title }))} empty="No other milestones yet." />
        </>
      )}
    </RowForm>
  );
}
