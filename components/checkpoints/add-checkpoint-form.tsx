'use client';

import { useCallback, useRef } from 'react';
import { useOnSuccess } from '@/components/forms/edit-disclosure';
import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { buttonClass } from '@/components/forms/form-message';
import { Field, fieldClass } from '@/components/forms/row-form';
import { RISK_LABELS, RISK_LEVELS } from '@/lib/domain';
import { LimitedInput } from '@/components/forms/limited-text';

/** Adds a checkpoint; emptied after a success so a second click cannot add it twice (issue 13). */
export function AddCheckpointForm({ action, slug }: { action: Action; slug: string }) {
  const form = useRef<HTMLFormElement>(null);
  const { state, formAction, pending, onSubmit } = useActionForm(action);
  const cleared = useCallback(() => {
    form.current?.reset();
    form.current?.querySelector<HTMLInputElement>('input[name=regulator]')?.focus();
  }, []);
  useOnSuccess(state, cleared);
  return (
    <form ref={form} action={formAction} onSubmit={onSubmit} aria-label="Add a checkpoint" className="flex flex-wrap items-end gap-3 rounded-lg bg-slate-50 p-3 dark:bg-slate-800/50">
      <input type="hidden" name="partnershipSlug" value={slug} />
      <Field label="Regulator"><LimitedInput name="regulator" required limit={200} className={`${fieldClass} w-full sm:w-56`} /></Field>
      <Field label="Jurisdiction"><LimitedInput name="jurisdiction" required limit={3} placeholder="CN" className={`${fieldClass} w-20 uppercase`} /></Field>
      <Field label="Requirement"><LimitedInput name="requirement" required limit={500} className={`${fieldClass} w-full sm:w-72`} /></Field>
      <Field label="Risk">
        <select name="risk" defaultValue="MEDIUM" className={fieldClass}>{RISK_LEVELS.map((r) => <option key={r} value={r}>{RISK_LABELS[r]}</option>)}</select>
      </Field>
      <Field label="Decision due"><input type="date" name="decisionDueOn" className={fieldClass} /></Field>
      <button type="submit" disabled={pending} className={`${buttonClass} py-1.5`}>{pending ? 'Adding…' : 'Add checkpoint'}</button>
      <ActionOutcome state={state} />
    </form>
  );
}
