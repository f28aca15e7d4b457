'use client';

import { useActionState } from 'react';
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
  const [state, formAction, pending] = useActionState<ActionState<Created>, FormData>(async (prev, formData) => {
    const next = await action(prev, formData);
    if (next.status === 'success') {
      const password = next.data?.temporaryPassword;
      announce({ message: next.message, temporaryPassword: password && next.data ? { email: next.data.email, password } : null });
    }
    return next;
  }, IDLE as ActionState<Created>);
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
