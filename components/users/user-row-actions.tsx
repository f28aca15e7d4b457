'use client';

import { useActionState } from 'react';
import { secondaryButtonClass } from '@/components/forms/form-message';
import { IDLE, type ActionState } from '@/lib/action-state';
import { INTERNAL_ROLES, ROLE_LABELS, type Role } from '@/lib/domain';
import { useAnnounce } from '@/components/ui/page-notice';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;
type Props = {
  user: { id: string; email: string; name: string; role: Role; active: boolean; version: number };
  isSelf: boolean;
  changeRole: Action;
  deactivate: Action;
  reactivate: Action;
  resetPassword: Action;
};

/** Wraps an action so its success becomes the page's notice (and a reset's one-time password). */
function useAnnounced(action: Action) {
  const announce = useAnnounce();
  return useActionState<ActionState, FormData>(async (prev, formData) => {
    const next = await action(prev, formData);
    if (next.status === 'success') {
      const data = next.data as { email?: string; temporaryPassword?: string } | undefined;
      announce({ message: next.message, temporaryPassword: data?.temporaryPassword && data.email ? { email: data.email, password: data.temporaryPassword } : null });
    }
    return next;
  }, IDLE);
}

export function UserRowActions({ user, isSelf, changeRole, deactivate, reactivate, resetPassword }: Props) {
  const [roleState, roleAction, rolePending] = useAnnounced(changeRole);
  const [statusState, statusAction, statusPending] = useAnnounced(user.active ? deactivate : reactivate);
  const [resetState, resetAction, resetPending] = useAnnounced(resetPassword);
  const refusal = [roleState, statusState, resetState].find((s): s is Extract<ActionState, { status: 'error' }> => s.status === 'error');
  const hidden = (
    <>
      <input type="hidden" name="userId" value={user.id} />
      <input type="hidden" name="version" value={user.version} />
    </>
  );
  return (
    <div className="flex flex-wrap items-center gap-2 sm:justify-end">
      {/* A partner user's role cannot change (issue 17): no role control on their row. */}
      {user.role === 'PARTNER' ? null : (
        <form action={roleAction} className="flex items-center gap-2">
          {hidden}
          <label className="sr-only" htmlFor={`role-${user.id}`}>Role of {user.email}</label>
          <select id={`role-${user.id}`} name="role" defaultValue={user.role}
            className="rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm dark:border-slate-700 dark:bg-slate-950">
            {INTERNAL_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
          <button type="submit" disabled={rolePending} className={secondaryButtonClass} aria-label={`Save role of ${user.email}`}>Save</button>
        </form>
      )}
      {!isSelf ? (
        <form action={statusAction}
          onSubmit={(e) => { if (user.active && !confirm(`Deactivate ${user.name} (${user.email})? They are signed out at once and their API tokens stop working.`)) e.preventDefault(); }}>
          {hidden}
          <button type="submit" disabled={statusPending} className={secondaryButtonClass} aria-label={`${user.active ? 'Deactivate' : 'Reactivate'} ${user.email}`}>
            {user.active ? 'Deactivate' : 'Reactivate'}
          </button>
        </form>
      ) : null}
      {!isSelf && user.active ? (
        <form action={resetAction}
          onSubmit={(e) => { if (!confirm(`Give ${user.name} a new temporary password? They are signed out and must choose a new password at next sign-in.`)) e.preventDefault(); }}>
          {hidden}
          <button type="submit" disabled={resetPending} className={secondaryButtonClass} aria-label={`Reset password of ${user.email}`}>Reset password</button>
        </form>
      ) : null}
      {refusal ? (
        <p role="alert" className="basis-full text-xs text-rose-700 sm:text-right dark:text-rose-300">{refusal.message}</p>
      ) : null}
    </div>
  );
}
