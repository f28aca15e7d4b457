'use client';

import { useActionState } from 'react';
import { secondaryButtonClass } from '@/components/forms/form-message';
import { useAnnounce } from '@/components/ui/page-notice';
import { IDLE, type ActionState } from '@/lib/action-state';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * One button of a row of the partners page (revoke an invitation, deactivate or reactivate a
 * partner user) with its hidden fields, a confirmation for what cannot be undone in one click,
 * and the outcome: a refusal beside it; success in the page's notice, since a revoked invitation's
 * row (and the focused button in it) is gone once the page refreshes.
 */
export function PartnerRowAction({ action, fields, label, accessibleName, confirmText }: {
  action: Action;
  fields: Record<string, string | number>;
  label: string;
  accessibleName: string;
  confirmText?: string;
}) {
  const announce = useAnnounce();
  const [state, formAction, pending] = useActionState<ActionState, FormData>(async (prev, formData) => {
    const next = await action(prev, formData);
    if (next.status === 'success') announce({ message: next.message, focus: true });
    return next;
  }, IDLE);
  return (
    <form action={formAction} className="flex flex-wrap items-center gap-2 sm:justify-end"
      onSubmit={(e) => { if (confirmText && !confirm(confirmText)) e.preventDefault(); }}>
      {Object.entries(fields).map(([name, value]) => <input key={name} type="hidden" name={name} value={value} />)}
      <button type="submit" disabled={pending} className={secondaryButtonClass} aria-label={accessibleName}>{label}</button>
      {state.status === 'error' ? <span role="alert" className="basis-full text-xs text-rose-700 sm:text-right dark:text-rose-300">{state.message}</span> : null}
    </form>
  );
}
