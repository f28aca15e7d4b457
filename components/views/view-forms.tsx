'use client';

import { useEffect, useId, useRef } from 'react';
import { ActionOutcome, useActionForm } from '@/components/forms/action-form';
import { buttonClass, inputClass } from '@/components/forms/form-message';
import { LimitedInput } from '@/components/forms/limited-text';
import { SignInAgain } from '@/components/forms/sign-in-again';
import type { ActionState } from '@/lib/action-state';
import { VIEW_NAME_MAX } from '@/lib/limits';
import type { ViewKind } from '@/lib/schemas/views';
import { createViewAction, updateViewAction } from '@/server/views/actions';

const smallButton = 'rounded-md bg-brand-600 px-2.5 py-1 text-xs font-semibold text-white hover:bg-brand-700 disabled:opacity-60';
const dangerButton = 'rounded-md bg-rose-700 px-2.5 py-1 text-xs font-semibold text-white hover:bg-rose-800 disabled:opacity-60';
const linkButton = 'text-xs font-medium text-slate-700 underline-offset-2 hover:underline dark:text-slate-300';

/** The messages of one field, under it, named by the field's aria-describedby. */
function FieldMessages({ id, state, name }: { id: string; state: ActionState; name: string }) {
  const messages = state.status === 'error' ? state.fieldErrors?.[name] : undefined;
  if (!messages?.length) return null;
  return <p id={id} className="mt-1 text-xs text-rose-700 [overflow-wrap:anywhere] dark:text-rose-300">{messages.join(' ')}</p>;
}

/**
 * The outcome of a save: success as a toast; a refusal as an alert. The fields' own messages sit
 * under them, so the alert says what is not about one field shown here (a name already used, a
 * lost session, a query the page could not keep). `reload`: a 409 may be a stale version, so offer
 * the latest values (a new view has no version: its 409 is a name already used).
 */
function Outcome({ state, shownFields, reload = false }: { state: ActionState; shownFields: string[]; reload?: boolean }) {
  if (state.status !== 'error') return <ActionOutcome state={state} />;
  const others = Object.entries(state.fieldErrors ?? {}).filter(([field]) => !shownFields.includes(field));
  return (
    <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 px-2 py-1.5 text-xs text-rose-900 [overflow-wrap:anywhere] dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100">
      {state.fieldErrors && others.length ? others.map(([, m]) => m.join(' ')).join(' ') : state.message}
      {reload && state.code === 409 ? <a href="" className="ml-2 underline">Load the latest values</a> : null}
      <SignInAgain code={state.code} />
    </p>
  );
}

/** Runs `then` once after each successful save (an effect: the form's action stays the server action). */
export function useOnSuccess(state: ActionState, then: (message: string) => void) {
  useEffect(() => {
    if (state.status === 'success') then(state.message);
  }, [state, then]);
}

/** "Save this view": a name, shared or not; the page's current filters travel in a hidden field. */
export function SaveViewForm({ kind, query }: { kind: ViewKind; query: string }) {
  const { state, formAction, pending, onSubmit } = useActionForm(createViewAction);
  const form = useRef<HTMLFormElement>(null);
  const nameId = useId();
  const errorId = useId();
  const headingId = useId();
  useEffect(() => {
    if (state.status === 'success') form.current?.reset();
  }, [state]);
  const values = state.status === 'error' ? state.values : undefined;
  const invalid = state.status === 'error' && !!state.fieldErrors?.name;
  return (
    <form ref={form} action={formAction} onSubmit={onSubmit} aria-labelledby={headingId} className="space-y-2 border-t border-slate-200 pt-3 dark:border-slate-700" data-testid="save-view">
      <h3 id={headingId} className="text-xs font-semibold uppercase tracking-wide muted">Save this view</h3>
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="query" value={query} />
      <div>
        <label htmlFor={nameId} className="block text-sm font-medium">Name</label>
        <LimitedInput id={nameId} name="name" required limit={VIEW_NAME_MAX} placeholder="Signed deals, by next due date"
          key={state.status === 'success' ? `saved-${(state.data as { id?: string } | undefined)?.id}` : 'draft'}
          defaultValue={values?.name ?? ''} aria-invalid={invalid || undefined} aria-describedby={invalid ? errorId : undefined}
          className={`${inputClass} py-1.5`} />
        <FieldMessages id={errorId} state={state} name="name" />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" name="shared" defaultChecked={values?.shared === 'on'} className="size-4 accent-brand-600" />
          Share with everyone
        </label>
        <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Saving…' : 'Save view'}</button>
      </div>
      <Outcome state={state} shownFields={['name']} />
    </form>
  );
}

/**
 * Its owner renames a view, shares or unshares it, or gives it the filters on this page; the
 * version it was loaded at travels along (a change made elsewhere meanwhile is a 409).
 */
export function EditViewForm({ view, query, onSaved, onCancel }: {
  view: { id: string; name: string; shared: boolean; version: number; active: boolean };
  query: string;
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const { state, formAction, pending, onSubmit } = useActionForm(updateViewAction);
  useOnSuccess(state, onSaved);
  const nameId = useId();
  const errorId = useId();
  const values = state.status === 'error' ? state.values : undefined;
  const invalid = state.status === 'error' && !!state.fieldErrors?.name;
  return (
    <form action={formAction} onSubmit={onSubmit} className="space-y-2" aria-label={`Change the view ${view.name}`}>
      <input type="hidden" name="form" value="edit" />
      <input type="hidden" name="id" value={view.id} />
      <input type="hidden" name="version" value={view.version} />
      <input type="hidden" name="currentQuery" value={query} />
      <div>
        <label htmlFor={nameId} className="block text-xs font-medium">Name</label>
        <LimitedInput id={nameId} name="name" required limit={VIEW_NAME_MAX} defaultValue={values?.name ?? view.name}
          aria-invalid={invalid || undefined} aria-describedby={invalid ? errorId : undefined} className={`${inputClass} mt-0.5 py-1`} />
        <FieldMessages id={errorId} state={state} name="name" />
      </div>
      <label className="flex items-center gap-2 text-xs">
        <input type="checkbox" name="shared" defaultChecked={values ? values.shared === 'on' : view.shared} className="size-4 accent-brand-600" />
        Share with everyone
      </label>
      {view.active ? null : (
        <label className="flex items-center gap-2 text-xs">
          <input type="checkbox" name="useCurrent" defaultChecked={values?.useCurrent === 'on'} className="size-4 accent-brand-600" />
          Replace its filters with the ones on this page
        </label>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={smallButton}>{pending ? 'Saving…' : 'Save'}</button>
        <button type="button" className={linkButton} onClick={onCancel}>Cancel</button>
      </div>
      <Outcome state={state} shownFields={['name']} reload />
    </form>
  );
}

/** What a delete form posts through: one action for the whole menu, so its outcome outlives the deleted row. */
export type DeleteAction = Pick<ReturnType<typeof useActionForm>, 'formAction' | 'onSubmit' | 'pending'>;

/** Deleting a view, asked once in place: a <details>, so it opens with the keyboard and without JavaScript. */
export function DeleteViewForm({ view, question, remove }: { view: { id: string; name: string }; question: string; remove: DeleteAction }) {
  return (
    <details>
      <summary className={`${linkButton} w-fit cursor-pointer list-none text-rose-700 dark:text-rose-300 [&::-webkit-details-marker]:hidden`}>
        Delete…
      </summary>
      <form action={remove.formAction} onSubmit={remove.onSubmit} role="group" aria-label={`Confirm deleting the view ${view.name}`}
        className="mt-1.5 space-y-1.5 rounded-md border border-rose-200 bg-rose-50 p-2 dark:border-rose-900 dark:bg-rose-950/50">
        <input type="hidden" name="id" value={view.id} />
        <p className="text-xs text-rose-900 [overflow-wrap:anywhere] dark:text-rose-100">{question}</p>
        <button type="submit" disabled={remove.pending} className={dangerButton}>{remove.pending ? 'Deleting…' : 'Delete view'}</button>
      </form>
    </details>
  );
}
