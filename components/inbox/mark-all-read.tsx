'use client';

import { useActionState } from 'react';
import { useRouter } from 'next/navigation';
import { secondaryButtonClass } from '@/components/forms/form-message';
import { IDLE, type ActionState } from '@/lib/action-state';
import { INBOX_CHANGED_EVENT } from '@/lib/inbox';
import { markAllReadAction } from '@/server/notifications/actions';

/** "Mark all read": the list and the shell's count follow. */
export function MarkAllRead() {
  const router = useRouter();
  const [state, formAction, pending] = useActionState<ActionState, FormData>(async (prev, formData) => {
    const next = await markAllReadAction(prev, formData);
    if (next.status === 'success') {
      window.dispatchEvent(new CustomEvent(INBOX_CHANGED_EVENT, { detail: { unread: 0 } }));
      router.refresh();
    }
    return next;
  }, IDLE);
  return (
    <form action={formAction} className="flex flex-col items-start gap-1">
      <button type="submit" disabled={pending} className={secondaryButtonClass}>
        {pending ? 'Marking…' : 'Mark all read'}
      </button>
      <p aria-live="polite" className={`text-xs ${state.status === 'error' ? 'text-rose-700 dark:text-rose-300' : 'muted'}`}>
        {state.status === 'idle' ? '' : state.message}
      </p>
    </form>
  );
}
