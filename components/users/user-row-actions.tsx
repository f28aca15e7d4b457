'use client';

import { useActionState } from 'react';
import { secondaryButtonClass } from '@/components/forms/form-message';
import { IDLE, type ActionState } from '@/lib/action-state';
import { ROLE_LABELS, ROLES, type Role } from '@/lib/domain';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;
type Props = {
  user: { id: string; email: string; role: Role; active: boolean; version: number };
  isSelf: boolean;
  changeRole: Action;
  deactivate: Action;
  reactivate: Action;
};

export function UserRowActions({ user, isSelf, changeRole, deactivate, reactivate }: Props) {
  const [roleState, roleAction, rolePending] = useActionState(changeRole, IDLE);
  const [statusState, statusAction, statusPending] = useActionState(user.active ? deactivate : reactivate, IDLE);
  const message = [roleState, statusState].find((s): s is Exclude<ActionState, { status: 'idle' }> => s.status !== 'idle');
  return (
    <div className="flex flex-wrap items-center justify-end gap-2">
      <form action={roleAction} className="flex items-center gap-2">
        <input type="hidden" name="userId" value={user.id} />
        <input type="hidden" name="version" value={user.version} />
        <label className="sr-only" htmlFor={`role-${user.id}`}>Role of {user.email}</label>
        <select id={`role-${user.id}`} name="role" defaultValue={user.role}
          className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950">
          {ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
        </select>
        <button type="submit" disabled={rolePending} className={secondaryButtonClass} aria-label={`Save role of ${user.email}`}>Save</button>
      </form>
      {!isSelf ? (
        <form action={statusAction}
          onSubmit={(e) => { if (user.active && !confirm(`Deactivate ${user.email}? They are signed out at once.`)) e.preventDefault(); }}>
          <input type="hidden" name="userId" value={user.id} />
          <input type="hidden" name="version" value={user.version} />
          <button type="submit" disabled={statusPending} className={secondaryButtonClass} aria-label={`${user.active ? 'Deactivate' : 'Reactivate'} ${user.email}`}>
            {user.active ? 'Deactivate' : 'Reactivate'}
          </button>
        </form>
      ) : null}
      {message ? (
        <p role={message.status === 'error' ? 'alert' : 'status'}
          className={`basis-full text-right text-xs ${message.status === 'error' ? 'text-rose-700 dark:text-rose-300' : 'text-emerald-700 dark:text-emerald-300'}`}>
          {message.message}
        </p>
      ) : null}
    </div>
  );
}
