'use client';

import { useActionState } from 'react';
import { useRouter } from 'next/navigation';
import { secondaryButtonClass } from '@/components/forms/form-message';
import { IDLE, type ActionState } from '@/lib/action-state';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** "Send now" and "Remove" for one subscription; the outcome is said beside them. */
export function SubscriptionButtons({ id, label, sendNow, remove }: { id: string; label: string; sendNow: Action; remove: Action }) {
  const router = useRouter();
  const [sent, sendAction, sending] = useActionState<ActionState, FormData>(async (prev, data) => {
    const next = await sendNow(prev, data);
    // The mail is written by a job within seconds: look again shortly.
    if (next.status === 'success') window.setTimeout(() => router.refresh(), 2_500);
    return next;
  }, IDLE);
  const [removed, removeAction, removing] = useActionState(remove, IDLE);
  const message = [sent, removed].find((s): s is Exclude<ActionState, { status: 'idle' }> => s.status !== 'idle');
  return (
    <div className="flex flex-col items-start gap-1 sm:items-end">
      <div className="flex flex-wrap gap-2">
        <form action={sendAction}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" disabled={sending} className={secondaryButtonClass}>{sending ? 'Sending…' : 'Send now'}<span className="sr-only">: {label}</span></button>
        </form>
        <form action={removeAction} onSubmit={(e) => { if (!window.confirm(`Stop “${label}”?`)) e.preventDefault(); }}>
          <input type="hidden" name="id" value={id} />
          <button type="submit" disabled={removing} className={secondaryButtonClass}>{removing ? 'Removing…' : 'Remove'}<span className="sr-only">: {label}</span></button>
        </form>
      </div>
      {message ? <p role={message.status === 'error' ? 'alert' : 'status'} className="text-xs muted">{message.message}</p> : null}
    </div>
  );
}
