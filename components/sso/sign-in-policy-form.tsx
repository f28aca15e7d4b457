'use client';

import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { buttonClass, FieldError, inputClass } from '@/components/forms/form-message';

type Props = {
  action: Action;
  /** 'REFUSE' or a role code. */
  newUserRole: string;
  roles: { value: string; label: string }[];
  passwordOffDomains: string[];
  version: number;
};

/** Who single sign-on may create, and which domains must use it (issue 18). */
export function SignInPolicyForm({ action, newUserRole, roles, passwordOffDomains, version }: Props) {
  const { state, pending, onSubmit, formAction } = useActionForm(action);
  const values = state.status === 'error' ? state.values : undefined;
  return (
    <form action={formAction} onSubmit={onSubmit} aria-label="Sign-in settings" className="space-y-5">
      <input type="hidden" name="version" value={version} />
      <div>
        <label htmlFor="newUserRole" className="block text-sm font-medium">Someone without an account signs in with single sign-on</label>
        <select id="newUserRole" name="newUserRole" defaultValue={values?.newUserRole ?? newUserRole} aria-describedby="newUserRole-help"
          className={`${inputClass} sm:max-w-md`}>
          <option value="REFUSE">Refuse: no account is created</option>
          {roles.map((r) => <option key={r.value} value={r.value}>Create their account as {r.label}</option>)}
        </select>
        <p id="newUserRole-help" className="mt-1 text-xs muted">
          Only with an email address the provider has verified. Administrators are made on the Users page; partners by invitation.
        </p>
        <FieldError state={state} name="newUserRole" />
      </div>
      <div>
        <label htmlFor="passwordOffDomains" className="block text-sm font-medium">Email domains that must use single sign-on</label>
        <textarea id="passwordOffDomains" name="passwordOffDomains" rows={4} spellCheck={false} aria-describedby="passwordOffDomains-help"
          defaultValue={values?.passwordOffDomains ?? passwordOffDomains.join('\n')} placeholder="example.com"
          className={`${inputClass} font-mono sm:max-w-md`} />
        <p id="passwordOffDomains-help" className="mt-1 text-xs muted">
          One a line. People whose email ends in one of these cannot sign in with a password. Keep one administrator outside them, or in
          the provider, so someone can always sign in.
        </p>
        <FieldError state={state} name="passwordOffDomains" />
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Saving…' : 'Save'}</button>
        <ActionOutcome state={state} />
      </div>
    </form>
  );
}
