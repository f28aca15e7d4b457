'use client';

import { startTransition, useActionState } from 'react';
import { SignInAgain } from '@/components/forms/sign-in-again';
import { Toast } from '@/components/ui/toast';
import { IDLE, type ActionState } from '@/lib/action-state';

export type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * A server-action form submitted in a transition: React resets a form after an action completes,
 * which would throw away what the person typed when a save is refused. The clicked button's name
 * and value are included, as a native submit does. Without JavaScript the form posts as usual.
 */
export function useActionForm(action: Action) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(data));
  };
  return { state, formAction, pending, onSubmit };
}

/** The outcome of a save: a refusal as an alert with its field messages; success as a toast. */
export function ActionOutcome({ state }: { state: ActionState }) {
  if (state.status === 'idle') return null;
  if (state.status === 'success') {
    return <Toast message={state.message} />;
  }
  return (
    <p role="alert" className="basis-full rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100">
      {state.message}
      {state.fieldErrors ? Object.entries(state.fieldErrors).map(([f, m]) => <span key={f} className="block text-xs">{m.join(' ')}</span>) : null}
      {state.code === 409 ? <a href="" className="ml-2 underline">Load the latest values</a> : null}
      <SignInAgain code={state.code} />
    </p>
  );
}
