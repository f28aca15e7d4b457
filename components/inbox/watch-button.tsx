'use client';

import { useActionState } from 'react';
import { secondaryButtonClass } from '@/components/forms/form-message';
import { IDLE, type ActionState } from '@/lib/action-state';
import type { NoteSubjectKind } from '@/lib/schemas/notes';
import { watchAction } from '@/server/notifications/actions';

const NOUN: Record<NoteSubjectKind, string> = { partnership: 'partnership', milestone: 'milestone', checkpoint: 'checkpoint', rollout: 'rollout' };

/** Watch / Stop watching a partnership or one of its parts: its changes then reach your inbox. */
export function WatchButton({ subjectType, subjectId, watching: initial }: { subjectType: NoteSubjectKind; subjectId: string; watching: boolean }) {
  const [state, formAction, pending] = useActionState<ActionState, FormData>(watchAction, IDLE);
  // The answer of the last click, else what the page said.
  const watching = state.status === 'success' ? (state.data as { watching: boolean }).watching : initial;
  return (
    <form action={formAction} className="inline-flex flex-col items-start gap-1">
      <input type="hidden" name="subjectType" value={subjectType} />
      <input type="hidden" name="subjectId" value={subjectId} />
      <input type="hidden" name="watching" value={watching ? 'off' : 'on'} />
      <button
        type="submit"
        disabled={pending}
        aria-pressed={watching}
        className={secondaryButtonClass}
        title={watching ? `Its changes reach your inbox. Stop watching this ${NOUN[subjectType]}.` : `Get this ${NOUN[subjectType]}’s changes in your inbox.`}
      >
        {pending ? 'Saving…' : watching ? 'Watching' : 'Watch'}
      </button>
      {state.status === 'error' ? <p role="alert" className="text-xs text-rose-700 dark:text-rose-300">{state.message}</p> : null}
    </form>
  );
}
