'use client';

import { useActionState, useEffect, useEffectEvent } from 'react';
import { buttonClass, FieldError, FormMessage, inputClass } from '@/components/forms/form-message';
import { IDLE, type ActionState } from '@/lib/action-state';
import { INTERNAL_ROLES, ROLE_LABELS } from '@/lib/domain';
import { useAnnounce } from '@/components/ui/page-notice';
import { LimitedInput } from '@/components/forms/limited-text';

type Created = { email: string; temporaryPassword: string | null };
type Action = (prev: ActionState<Created>, formData: FormData) => Promise<ActionState<Created>>;

export function CreateUserForm({ action }: { action: Action }) {
  const announce = useAnnounce();
  // Success goes to the page's notice (with the one-time password); a refusal stays on the form.
  // Announced once React has committed the result, and with it the form's reset after a successful
  // action: announced from inside the action, the password showed while the form still held what
  // was sent, and whoever typed the next person right away lost it to the late reset (a test run
  // failed so on a busy machine, 2026-12-04). The form stays on the page, so the effect runs (the
  // rows' own actions, whose forms go away with their row, still announce from the action).
  const [state, formAction, pending] = useActionState<ActionState<Created>, FormData>(action, IDLE as ActionState<Created>);
  const announceCreated = useEffectEvent((created: ActionState<Created>) => {
    if (created.status !== 'success') return;
    const password = created.data?.temporaryPassword;
    announce({ message: created.message, temporaryPassword: password && created.data ? { email: created.data.email, password } : null });
  });
  useEffect(() => announceCreated(state), [state]);
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} className="space-y-4 card p-5">
      <h2 className="text-base font-semibold">Add a person</h2>
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="new-email" className="block text-sm font-medium">Email</label>
          <input id="new-email" name="email" type="email" required defaultValue={values?.email ?? ''} aria-describedby="email-error" className={inputClass} />
          <FieldError state={state} name="email" />
        </div>
        <div>
          <label htmlFor="new-name" className="block text-sm font-medium">Name</label>
          <LimitedInput id="new-name" name="name" required limit={100} defaultValue={values?.name ?? ''} aria-describedby="name-error" className={inputClass} />
          <FieldError state={state} name="name" />
        </div>
        <div>
          <label htmlFor="new-role" className="block text-sm font-medium">Role</label>
          <select id="new-role" name="role" defaultValue={values?.role ?? 'EXECUTIVE'} className={inputClass}>
            {/* Partner users come by invitation, with their organization (issue 17: /partners). */}
            {INTERNAL_ROLES.map((r) => <option key={r} value={r}>{ROLE_LABELS[r]}</option>)}
          </select>
          <FieldError state={state} name="role" />
        </div>
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Adding…' : 'Add person'}</button>
      {state.status === 'error' ? <FormMessage state={state} /> : null}
    </form>
  );
}
