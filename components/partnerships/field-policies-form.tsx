'use client';

import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { buttonClass } from '@/components/forms/form-message';

type Policy = { field: string; label: string; confidential: boolean; version: number; default: boolean };

/**
 * "Confidential fields" of a partnership (issue 17, item 5): a ticked field is hidden from partners
 * and from the roles an administrator unticked under Confidential figures, in every page, export,
 * chart, search and mail. Saved against the versions loaded (409 when a colleague changed one
 * meanwhile). Without JavaScript the form posts as usual.
 */
export function FieldPoliciesForm({ action, slug, policies }: { action: Action; slug: string; policies: Policy[] }) {
  const { state, pending, onSubmit, formAction } = useActionForm(action);
  return (
    <form action={formAction} onSubmit={onSubmit} aria-label="Confidential fields" className="space-y-3">
      <input type="hidden" name="partnership" value={slug} />
      <fieldset>
        <legend className="mb-2 text-sm font-semibold">Confidential fields</legend>
        <ul className="space-y-1.5 text-sm">
          {policies.map((p) => (
            <li key={p.field} data-field={p.field}>
              <input type="hidden" name={`version:${p.field}`} value={p.version} />
              <label className="flex items-center gap-2">
                <input type="checkbox" name={`confidential:${p.field}`} defaultChecked={p.confidential} className="size-4 accent-brand-600" />
                {p.label}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Saving…' : 'Save confidential fields'}</button>
        <ActionOutcome state={state} />
      </div>
    </form>
  );
}
