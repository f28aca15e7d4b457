'use client';

import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';

/** Delete, after a confirmation; a refusal (still a party to deals) names the deals. */
export function DeleteOrganization({ action, id, version, name }: { action: Action; id: string; version: number; name: string }) {
  const { state, formAction, pending, onSubmit } = useActionForm(action);
  return (
    <form
      action={formAction}
      onSubmit={(event) => {
        if (!confirm(`Delete ${name}? This cannot be undone.`)) return event.preventDefault();
        onSubmit(event);
      }}
      className="flex flex-wrap items-center gap-3"
    >
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" disabled={pending}
        className="rounded-md border border-rose-300 px-3 py-1.5 text-sm font-medium text-rose-800 hover:bg-rose-50 disabled:opacity-60 dark:border-rose-800 dark:text-rose-200 dark:hover:bg-rose-950">
        {pending ? 'Deleting…' : `Delete ${name}`}
      </button>
      <ActionOutcome state={state} />
    </form>
  );
}
