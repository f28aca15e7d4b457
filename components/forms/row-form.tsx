'use client';

import { startTransition, useActionState, useEffect } from 'react';
import { buttonClass } from '@/components/forms/form-message';
import { SignInAgain } from '@/components/forms/sign-in-again';
import { Toast } from '@/components/ui/toast';
import { IDLE, type ActionState } from '@/lib/action-state';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * One editable row: hidden id + version, the fields, Save, and the outcome announced (a refusal
 * as an alert naming what blocks it; success as a status toast). Fields get the values the user
 * typed back after a refusal.
 */
export function RowForm({ action, id, version, label, children, after, onSuccess }: {
  action: Action;
  id: string;
  version: number;
  label: string;
  children: (values: Record<string, string> | undefined, errors: Record<string, string[]> | undefined) => React.ReactNode;
  /** More buttons after Save (e.g. Cancel in an edit panel). */
  after?: React.ReactNode;
  /** Called once per successful save (an edit panel closes and returns focus). */
  onSuccess?: (message: string) => void;
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  useEffect(() => {
    if (state.status === 'success') onSuccess?.(state.message);
  }, [state, onSuccess]);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  return (
    <form
      action={formAction}
      // With JavaScript, submit in a transition ourselves: React resets a form after an action
      // completes, which would throw away what the person typed when a save is refused.
      // Without JavaScript the form still posts to the server action.
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
        startTransition(() => formAction(data));
      }}
      aria-label={label}
      className="flex flex-wrap items-end gap-3"
    >
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      {children(values, errors)}
      <button type="submit" disabled={pending} className={`${buttonClass} py-1.5`}>{pending ? 'Saving…' : 'Save'}</button>
      {after}
      {state.status === 'error' ? (
        <p role="alert" className="basis-full rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100">
          {state.message}
          {errors ? Object.entries(errors).map(([field, msgs]) => <span key={field} className="block text-xs">{msgs.join(' ')}</span>) : null}
          {state.code === 409 ? <a href="" className="ml-2 underline">Load the latest values</a> : null}
          <SignInAgain code={state.code} />
        </p>
      ) : null}
      {/* Hidden while the next save is in flight, so an earlier "Saved" never stands for this one. */}
      {state.status === 'success' && !pending ? <Toast message={state.message} /> : null}
    </form>
  );
}

export const fieldClass = 'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950';

export function Field({ label, children }: { label: string; children: React.ReactNode }) {
  return <label className="flex flex-col gap-0.5 text-xs font-medium">{label}{children}</label>;
}
