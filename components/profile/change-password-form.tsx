'use client';

import { useActionState } from 'react';
import { buttonClass, FieldError, FormMessage, inputClass } from '@/components/forms/form-message';
import { IDLE, type ActionState } from '@/lib/action-state';
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/limits';
import { LimitedInput } from '@/components/forms/limited-text';

type Props = {
  action: (prev: ActionState, formData: FormData) => Promise<ActionState>;
  /** On the first-sign-in page the "current" password is the temporary one. */
  currentLabel?: string;
  submitLabel?: string;
};

/** Current password, new password twice. The browser keeps nothing typed after a try (passwords). */
export function ChangePasswordForm({ action, currentLabel = 'Current password', submitLabel = 'Change password' }: Props) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const field = (id: string, name: string, label: string, autoComplete: string, hint?: string) => (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      {hint ? <p id={`${id}-hint`} className="text-xs muted">{hint}</p> : null}
      <LimitedInput id={id} name={name} type="password" required autoComplete={autoComplete} limit={name === 'currentPassword' ? 1024 : PASSWORD_MAX}
        minLength={name === 'currentPassword' ? undefined : PASSWORD_MIN}
        aria-describedby={[hint ? `${id}-hint` : '', `${name}-error`].filter(Boolean).join(' ')}
        aria-invalid={state.status === 'error' && state.fieldErrors?.[name] ? true : undefined} className={inputClass} />
      <FieldError state={state} name={name} />
    </div>
  );
  return (
    <form action={formAction} className="max-w-md space-y-4">
      {field('current-password', 'currentPassword', currentLabel, 'current-password')}
      {field('new-password', 'newPassword', 'New password', 'new-password', `At least ${PASSWORD_MIN} characters. A few unrelated words make a good one.`)}
      {field('confirm-password', 'confirmPassword', 'New password again', 'new-password')}
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Saving…' : submitLabel}</button>
      <FormMessage state={state} />
    </form>
  );
}
