'use client';

import { useActionState, useState, useTransition } from 'react';
import { ActionOutcome, type Action } from '@/components/forms/action-form';
import { buttonClass, inputClass, secondaryButtonClass } from '@/components/forms/form-message';
import { LimitedTextarea } from '@/components/forms/limited-text';
import { useAnnounce } from '@/components/ui/page-notice';
import { IDLE, type ActionState } from '@/lib/action-state';

/**
 * A decision leaves the pending list, and its form with it: an effect on the form's own state
 * would never run. With JavaScript the submit calls the server action itself and announces the
 * outcome in the page's notice line (with the focus: the clicked button is gone) before the
 * refreshed list replaces the row. Without JavaScript the form posts to the same server action.
 */
function useDecision(action: Action) {
  const [posted, formAction] = useActionState(action, IDLE);
  const [state, setState] = useState<ActionState>(IDLE);
  const [pending, startTransition] = useTransition();
  const announce = useAnnounce();
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(async () => {
      const next = await action(IDLE, data);
      if (next.status === 'success') announce({ message: next.message, focus: true });
      setState(next);
    });
  };
  return { state: state.status === 'idle' ? posted : state, formAction, pending, onSubmit };
}

/** Approve or reject someone else's request: one comment box (required to reject), two buttons. */
export function DecideForm({ action, id, version, subject }: { action: Action; id: string; version: number; subject: string }) {
  const { state, formAction, pending, onSubmit } = useDecision(action);
  const typed = state.status === 'error' ? state.values?.comment : undefined;
  return (
    <form action={formAction} onSubmit={onSubmit} aria-label={`Decide: ${subject}`} className="mt-3 space-y-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <label className="block text-sm font-medium">
        Comment <span className="font-normal muted">(required to reject)</span>
        <LimitedTextarea name="comment" rows={2} limit={2000} defaultValue={typed ?? ''} key={typed ?? ''} className={inputClass} aria-label={`Comment on ${subject}`} />
      </label>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="decision" value="approve" disabled={pending} className={`${buttonClass} py-1.5`}>Approve</button>
        <button type="submit" name="decision" value="reject" disabled={pending} className={secondaryButtonClass}>Reject</button>
      </div>
      {state.status === 'error' ? <ActionOutcome state={state} /> : null /* success: the page's notice line */}
    </form>
  );
}

/** The requester takes their own request back. */
export function WithdrawForm({ action, id, version, subject }: { action: Action; id: string; version: number; subject: string }) {
  const { state, formAction, pending, onSubmit } = useDecision(action);
  return (
    <form action={formAction} onSubmit={onSubmit} aria-label={`Withdraw: ${subject}`} className="mt-3 flex flex-wrap items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" disabled={pending} className={secondaryButtonClass}>Withdraw request</button>
      {state.status === 'error' ? <ActionOutcome state={state} /> : null}
    </form>
  );
}
