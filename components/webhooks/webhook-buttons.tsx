'use client';

import { useActionState } from 'react';
import { secondaryButtonClass } from '@/components/forms/form-message';
import { useAnnounce } from '@/components/ui/page-notice';
import { IDLE, type ActionState } from '@/lib/action-state';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** An action whose success is the page's notice (its row may change or go); a refusal stays beside the button. */
function useAnnounced(action: Action) {
  const announce = useAnnounce();
  return useActionState<ActionState, FormData>(async (prev, formData) => {
    const next = await action(prev, formData);
    if (next.status === 'success') announce({ message: next.message, focus: true });
    return next;
  }, IDLE);
}

const Refusal = ({ state }: { state: ActionState }) =>
  state.status === 'error' ? <p role="alert" className="text-xs text-rose-700 dark:text-rose-300">{state.message}</p> : null;

/** Disable (nothing is sent; deliveries wait) or enable again. */
export function ToggleWebhookButton({ action, id, version, active, host }: { action: Action; id: string; version: number; active: boolean; host: string }) {
  const [state, formAction, pending] = useAnnounced(action);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <input type="hidden" name="active" value={active ? 'off' : 'on'} />
      <button type="submit" disabled={pending} className={secondaryButtonClass} aria-label={`${active ? 'Disable' : 'Enable'} the webhook to ${host}`}>
        {pending ? 'Saving…' : active ? 'Disable' : 'Enable'}
      </button>
      <Refusal state={state} />
    </form>
  );
}

/** Deletes an endpoint and its delivery log, after a confirmation. */
export function DeleteWebhookButton({ action, id, host }: { action: Action; id: string; host: string }) {
  const [state, formAction, pending] = useAnnounced(action);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1"
      onSubmit={(e) => { if (!confirm(`Delete the webhook to ${host}? Its delivery log goes with it; the receiver hears nothing more.`)) e.preventDefault(); }}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} aria-label={`Delete the webhook to ${host}`}
        className="rounded-md border border-rose-300 px-3 py-1.5 text-sm font-medium text-rose-800 hover:bg-rose-50 disabled:opacity-60 dark:border-rose-800 dark:text-rose-200 dark:hover:bg-rose-950">
        {pending ? 'Deleting…' : 'Delete'}
      </button>
      <Refusal state={state} />
    </form>
  );
}

/** A new signing secret, at once: the old one stops signing, so the receiver needs the new one. */
export function RotateSecretButton({ action, id, host }: { action: Action; id: string; host: string }) {
  const [state, formAction, pending] = useAnnounced(action);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1"
      onSubmit={(e) => { if (!confirm(`Replace the signing secret of the webhook to ${host}? Deliveries are signed with the new one at once, so the receiver must be given it.`)) e.preventDefault(); }}>
      <input type="hidden" name="id" value={id} />
      <button type="submit" disabled={pending} className={secondaryButtonClass}>{pending ? 'Replacing…' : 'Replace the secret'}</button>
      <Refusal state={state} />
    </form>
  );
}

/** Sends a finished delivery once more, now; the outcome is the page's notice. */
export function RedeliverButton({ action, id, deliveryId, label }: { action: Action; id: string; deliveryId: string; label: string }) {
  const [state, formAction, pending] = useAnnounced(action);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1 sm:items-end">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="deliveryId" value={deliveryId} />
      <button type="submit" disabled={pending} className={secondaryButtonClass} aria-label={`Redeliver: ${label}`}>{pending ? 'Sending…' : 'Redeliver'}</button>
      <Refusal state={state} />
    </form>
  );
}
