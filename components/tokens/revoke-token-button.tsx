'use client';

import { useActionState } from 'react';
import { secondaryButtonClass } from '@/components/forms/form-message';
import { IDLE, type ActionState } from '@/lib/action-state';

type Props = { tokenId: string; name: string; action: (prev: ActionState, formData: FormData) => Promise<ActionState> };

export function RevokeTokenButton({ tokenId, name, action }: Props) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  return (
    <form action={formAction} onSubmit={(e) => { if (!confirm(`Revoke "${name}"? Scripts using it will stop working.`)) e.preventDefault(); }}>
      <input type="hidden" name="tokenId" value={tokenId} />
      <button type="submit" disabled={pending} className={secondaryButtonClass} aria-label={`Revoke ${name}`}>
        {pending ? 'Revoking…' : 'Revoke'}
      </button>
      {state.status === 'error' ? <span role="alert" className="ml-2 text-xs text-rose-700 dark:text-rose-300">{state.message}</span> : null}
    </form>
  );
}
