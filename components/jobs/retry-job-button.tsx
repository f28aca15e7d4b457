'use client';

import { useActionState } from 'react';
import { secondaryButtonClass } from '@/components/forms/form-message';
import { useAnnounce } from '@/components/ui/page-notice';
import { IDLE, type ActionState } from '@/lib/action-state';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/** Queues a dead job again; the outcome is the page's notice, a refusal stays beside the button. */
export function RetryJobButton({ jobId, label, action }: { jobId: string; label: string; action: Action }) {
  const announce = useAnnounce();
  const [state, formAction, pending] = useActionState<ActionState, FormData>(async (prev, formData) => {
    const next = await action(prev, formData);
    if (next.status === 'success') announce({ message: next.message });
    return next;
  }, IDLE);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1 sm:items-end">
      <input type="hidden" name="jobId" value={jobId} />
      <button type="submit" disabled={pending} className={secondaryButtonClass} aria-label={`Retry "${label}"`}>
        {pending ? 'Queuing…' : 'Retry'}
      </button>
      {state.status === 'error' ? <p role="alert" className="text-xs text-rose-700 dark:text-rose-300">{state.message}</p> : null}
    </form>
  );
}
