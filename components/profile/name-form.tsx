'use client';

import { useActionForm, type Action } from '@/components/forms/action-form';
import { buttonClass, FieldError, FormMessage, inputClass } from '@/components/forms/form-message';
import { LimitedInput } from '@/components/forms/limited-text';

/** Display name; a refused name stays in the field with the reason beside it. */
export function NameForm({ name, action }: { name: string; action: Action }) {
  const { state, formAction, pending, onSubmit } = useActionForm(action);
  const value = state.status === 'error' ? (state.values?.name ?? name) : name;
  return (
    <form action={formAction} onSubmit={onSubmit} className="max-w-md space-y-3">
      <div>
        <label htmlFor="profile-name" className="block text-sm font-medium">Name</label>
        <LimitedInput id="profile-name" name="name" required limit={100} defaultValue={value} key={value} autoComplete="name"
          aria-describedby="name-error" aria-invalid={state.status === 'error' ? true : undefined} className={inputClass} />
        <FieldError state={state} name="name" />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Saving…' : 'Save name'}</button>
      <FormMessage state={state} />
    </form>
  );
}
