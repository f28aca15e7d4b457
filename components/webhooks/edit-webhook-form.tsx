'use client';

import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { buttonClass } from '@/components/forms/form-message';
import type { WebhookEvent } from '@/lib/webhook-events';
import { WebhookFields, withoutFieldErrors } from './webhook-fields';

type Webhook = { id: string; version: number; url: string; description: string; events: WebhookEvent[]; allowPrivate: boolean };

/** Changes an endpoint against the version loaded (a change made elsewhere meanwhile is a 409). */
export function EditWebhookForm({ action, webhook }: { action: Action; webhook: Webhook }) {
  const { state, formAction, pending, onSubmit } = useActionForm(action);
  return (
    <form action={formAction} onSubmit={onSubmit} aria-labelledby="edit-webhook" className="space-y-4">
      <h2 id="edit-webhook" className="text-base font-semibold">Address and events</h2>
      <input type="hidden" name="form" value="edit" />
      <input type="hidden" name="id" value={webhook.id} />
      <input type="hidden" name="version" value={webhook.version} />
      <WebhookFields prefix="edit-webhook" state={state} initial={webhook} />
      <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Saving…' : 'Save changes'}</button>
      <ActionOutcome state={withoutFieldErrors(state)} />
    </form>
  );
}
