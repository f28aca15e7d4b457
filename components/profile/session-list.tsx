'use client';

import { useActionState } from 'react';
import { FormMessage, secondaryButtonClass } from '@/components/forms/form-message';
import { IDLE, type ActionState } from '@/lib/action-state';
import { formatInstant } from '@/lib/format-time';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;
export type SessionItem = { id: string; device: string; signedInAt: string; lastActiveAt: string; current: boolean };

/** The person's live sessions as a list of cards (fits a phone); each other one can be ended. */
export function SessionList({ sessions, endOne, endOthers }: { sessions: SessionItem[]; endOne: Action; endOthers: Action }) {
  const [oneState, oneAction, onePending] = useActionState(endOne, IDLE);
  const [othersState, othersAction, othersPending] = useActionState(endOthers, IDLE);
  const latest = othersState.status !== 'idle' ? othersState : oneState;
  const others = sessions.filter((s) => !s.current).length;
  return (
    <div className="space-y-4">
      <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
        {sessions.map((s) => (
          <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3" data-session={s.current ? 'current' : 'other'}>
            <div className="min-w-0 text-sm">
              <div className="font-medium">
                {s.device}
                {s.current ? <span className="ml-2 rounded-full bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-900 dark:bg-emerald-900 dark:text-emerald-100">This device</span> : null}
              </div>
              <div className="text-xs muted">
                Signed in {formatInstant(s.signedInAt)} · last active {formatInstant(s.lastActiveAt)}
              </div>
            </div>
            {s.current ? null : (
              <form action={oneAction}>
                <input type="hidden" name="sessionId" value={s.id} />
                <button type="submit" disabled={onePending} className={secondaryButtonClass} aria-label={`Sign out ${s.device}, signed in ${formatInstant(s.signedInAt)}`}>
                  Sign out
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {others > 0 ? (
        <form action={othersAction}>
          <button type="submit" disabled={othersPending} className={secondaryButtonClass}>Sign out other sessions</button>
        </form>
      ) : (
        <p className="text-sm muted">You are signed in on this device only.</p>
      )}
      <FormMessage state={latest} />
    </div>
  );
}
