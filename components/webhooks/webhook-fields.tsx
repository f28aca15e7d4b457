import { FieldError, inputClass } from '@/components/forms/form-message';
import { LimitedInput } from '@/components/forms/limited-text';
import type { ActionState } from '@/lib/action-state';
import { WEBHOOK_DESCRIPTION_MAX, WEBHOOK_URL_MAX } from '@/lib/limits';
import { WEBHOOK_EVENT_LABELS, WEBHOOK_EVENTS, type WebhookEvent } from '@/lib/webhook-events';

/** A refusal for the form's foot: the fields' own messages are shown under the fields, not twice. */
export function withoutFieldErrors(state: ActionState): ActionState {
  return state.status === 'error' ? { ...state, fieldErrors: undefined } : state;
}

type Initial = { url: string; description: string; events: readonly WebhookEvent[]; allowPrivate: boolean };

/**
 * The fields of the registration and edit forms (lib/schemas/webhooks.ts checks them again on the
 * server, and resolves the host): the address, a description, the events, and the explicit
 * permission to call a private address.
 */
export function WebhookFields({ prefix, state, initial }: { prefix: string; state: ActionState; initial: Initial }) {
  const id = (name: string) => `${prefix}-${name}`;
  return (
    <>
      <div className="grid gap-4 sm:grid-cols-[3fr_2fr]">
        <div className="min-w-0">
          <label htmlFor={id('url')} className="block text-sm font-medium">Receiver’s address</label>
          <LimitedInput id={id('url')} name="url" required limit={WEBHOOK_URL_MAX} type="text" inputMode="url" autoComplete="off" spellCheck={false}
            defaultValue={initial.url} placeholder="https://hooks.example.com/accord" aria-describedby={`url-error ${id('url-hint')}`} className={`${inputClass} font-mono`} />
          <p id={id('url-hint')} className="mt-1 text-xs muted">HTTPS; plain http:// only to this machine (localhost).</p>
          <FieldError state={state} name="url" />
        </div>
        <div className="min-w-0">
          <label htmlFor={id('description')} className="block text-sm font-medium">Description <span className="font-normal muted">(optional)</span></label>
          <LimitedInput id={id('description')} name="description" limit={WEBHOOK_DESCRIPTION_MAX} defaultValue={initial.description} placeholder="Partner portal sync"
            aria-describedby="description-error" className={inputClass} />
          <FieldError state={state} name="description" />
        </div>
      </div>
      <fieldset className="min-w-0" aria-describedby="events-error">
        <legend className="text-sm font-medium">Events it receives</legend>
        <div className="mt-1 grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="flex items-start gap-2 text-sm">
              <input type="checkbox" name="events" value={event} defaultChecked={initial.events.includes(event)} className="mt-0.5 size-4 shrink-0 accent-brand-600" />
              <span className="min-w-0">
                <span className="font-medium">{WEBHOOK_EVENT_LABELS[event].label}</span>
                <span className="block text-xs muted">{WEBHOOK_EVENT_LABELS[event].detail}</span>
              </span>
            </label>
          ))}
        </div>
        <FieldError state={state} name="events" />
      </fieldset>
      <div className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
        <label className="flex items-start gap-2 font-medium">
          <input type="checkbox" name="allowPrivate" defaultChecked={initial.allowPrivate} aria-describedby={id('private-warning')} className="mt-0.5 size-4 shrink-0 accent-brand-600" />
          Allow a private address
        </label>
        <p id={id('private-warning')} className="mt-1 pl-6 text-xs">
          Accord refuses receivers on this server, its private network or link-local addresses (such as a cloud’s metadata service), so that
          a webhook cannot be used to reach them. Tick this only for a receiver you run inside your own network.
        </p>
        <FieldError state={state} name="allowPrivate" />
      </div>
    </>
  );
}
