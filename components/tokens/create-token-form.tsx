'use client';

import { useActionState } from 'react';
import { buttonClass, FieldError, FormMessage, inputClass } from '@/components/forms/form-message';
import { IDLE, type ActionState } from '@/lib/action-state';
import { LimitedInput } from '@/components/forms/limited-text';

type Created = { token: string; name: string };
type Props = { action: (prev: ActionState<Created>, formData: FormData) => Promise<ActionState<Created>> };

export function CreateTokenForm({ action }: Props) {
  const [state, formAction, pending] = useActionState(action, IDLE as ActionState<Created>);
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="space-y-4 card p-5">
      <h2 className="text-base font-semibold">Create a token</h2>
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <div>
          <label htmlFor="token-name" className="block text-sm font-medium">Name</label>
          <LimitedInput id="token-name" name="name" required limit={80} defaultValue={values?.name ?? ''} placeholder="Quarterly export script"
            aria-describedby="name-error" className={inputClass} />
          <FieldError state={state} name="name" />
        </div>
        <div>
          <label htmlFor="token-expiry" className="block text-sm font-medium">Expires</label>
          <select id="token-expiry" name="expiresInDays" defaultValue={values?.expiresInDays ?? '90'} className={inputClass}>
            <option value="7">In 7 days</option>
            <option value="30">In 30 days</option>
            <option value="90">In 90 days</option>
            <option value="365">In a year</option>
            <option value="never">Never</option>
          </select>
          <FieldError state={state} name="expiresInDays" />
        </div>
      </div>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" name="readOnly" defaultChecked={values?.readOnly === 'on'} className="size-4" />
        Read-only (cannot change anything)
      </label>
      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Creating…' : 'Create token'}</button>
      </div>
      <FormMessage state={state} />
      {state.status === 'success' && state.data ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
          <label htmlFor="new-token" className="block text-sm font-medium">Your new token (shown once)</label>
          <input id="new-token" readOnly value={state.data.token} className={`${inputClass} font-mono`} onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
    </form>
  );
}
