'use client';

import { useEffect, useRef } from 'react';
import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { buttonClass } from '@/components/forms/form-message';
import { SecretBox } from './secret-box';
import { WebhookFields, withoutFieldErrors } from './webhook-fields';

const EMPTY = { url: '', description: '', events: [], allowPrivate: false } as const;

/** Registers an endpoint; its signing secret is shown once it is saved (and stays on its page). */
export function RegisterWebhookForm({ action }: { action: Action }) {
  const { state, formAction, pending, onSubmit } = useActionForm(action);
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status === 'success') form.current?.reset();
  }, [state]);
  const created = state.status === 'success' ? (state.data as { secret?: string; host?: string } | undefined) : undefined;
  return (
    <form ref={form} action={formAction} onSubmit={onSubmit} aria-labelledby="register-webhook" className="space-y-4 card p-5">
      <h2 id="register-webhook" className="text-base font-semibold">Register a webhook</h2>
      <WebhookFields prefix="new-webhook" state={state} initial={EMPTY} />
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Checking the address…' : 'Register webhook'}</button>
      {state.status === 'error' ? <ActionOutcome state={withoutFieldErrors(state)} /> : null}
      {state.status === 'success' ? <p role="status" className="text-sm">{state.message}</p> : null}
      {created?.secret ? <SecretBox id="new-webhook-secret" label={`Signing secret for ${created.host ?? 'the new webhook'}`} secret={created.secret} /> : null}
    </form>
  );
}
