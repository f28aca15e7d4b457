'use client';

import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { buttonClass } from '@/components/forms/form-message';

/** One checkbox per internal role: may it see figures marked confidential (issue 17). Partners never do. */
export function ConfidentialAccessForm({ action, roles }: { action: Action; roles: { role: string; label: string; allowed: boolean }[] }) {
  const { state, pending, onSubmit, formAction } = useActionForm(action);
  return (
    <form action={formAction} onSubmit={onSubmit} aria-label="Confidential figures" className="space-y-3">
      <fieldset>
        <legend className="text-sm font-medium">Roles that see confidential figures</legend>
        <div className="mt-2 flex flex-wrap gap-x-6 gap-y-2">
          {roles.map((r) => (
            <label key={r.role} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={`allowed:${r.role}`} defaultChecked={r.allowed} className="size-4 accent-brand-600" />
              {r.label}
            </label>
          ))}
        </div>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Saving…' : 'Save'}</button>
        <ActionOutcome state={state} />
      </div>
    </form>
  );
}
