'use client';

import { useActionState } from 'react';
import { buttonClass, FieldError, FormMessage, inputClass } from '@/components/forms/form-message';
import { LimitedInput } from '@/components/forms/limited-text';
import { IDLE, type ActionState } from '@/lib/action-state';

type Invited = { email: string; link: string };
type Action = (prev: ActionState<Invited>, formData: FormData) => Promise<ActionState<Invited>>;

/** Organization, email and name; on success the one-time link, shown once to copy (and mailed where an SMTP server is set). */
export function InviteForm({ action, organizations }: { action: Action; organizations: { id: string; name: string }[] }) {
  const [state, formAction, pending] = useActionState(action, IDLE as ActionState<Invited>);
  const values = state.status === 'error' ? state.values : undefined;
  const invalid = (name: string) => (state.status === 'error' && state.fieldErrors?.[name] ? true : undefined);
  return (
    <form action={formAction} className="space-y-4 card p-5">
      <div>
        <h2 className="text-base font-semibold">Invite someone of a partner organization</h2>
        <p className="text-sm muted">
          They get a link by mail to choose a password; it works once, for 7 days. They see only the deals their organization is a party to, and only what is shared with partners.
        </p>
      </div>
      <div className="grid gap-4 sm:grid-cols-3">
        <div>
          <label htmlFor="invite-organization" className="block text-sm font-medium">Organization</label>
          <select id="invite-organization" name="organizationId" required defaultValue={values?.organizationId ?? ''} aria-describedby="organizationId-error"
            aria-invalid={invalid('organizationId')} className={inputClass}>
            <option value="" disabled>Choose…</option>
            {organizations.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
          <FieldError state={state} name="organizationId" />
        </div>
        <div>
          <label htmlFor="invite-email" className="block text-sm font-medium">Email</label>
          <input id="invite-email" name="email" type="email" required defaultValue={values?.email ?? ''} aria-describedby="email-error"
            aria-invalid={invalid('email')} className={inputClass} />
          <FieldError state={state} name="email" />
        </div>
        <div>
          <label htmlFor="invite-name" className="block text-sm font-medium">Name</label>
          <LimitedInput id="invite-name" name="name" required limit={100} defaultValue={values?.name ?? ''} aria-describedby="name-error"
            aria-invalid={invalid('name')} className={inputClass} />
          <FieldError state={state} name="name" />
        </div>
      </div>
      {organizations.length === 0 ? <p className="text-sm muted">There are no organizations yet: add the partner’s on the Organizations page first.</p> : null}
      <button type="submit" disabled={pending || organizations.length === 0} className={buttonClass}>{pending ? 'Inviting…' : 'Send invitation'}</button>
      <FormMessage state={state} />
      {state.status === 'success' && state.data ? (
        <div className="rounded-md border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950">
          <label htmlFor="invitation-link" className="block text-sm font-medium [overflow-wrap:anywhere]">Invitation link for {state.data.email} (shown once)</label>
          <input id="invitation-link" readOnly value={state.data.link} className={`${inputClass} font-mono`} onFocus={(e) => e.currentTarget.select()} />
        </div>
      ) : null}
    </form>
  );
}
