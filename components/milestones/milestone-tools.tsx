'use client';

import { useCallback, useRef } from 'react';
import { CheckboxPicker } from '@/components/forms/checkbox-picker';
import { useOnSuccess } from '@/components/forms/edit-disclosure';
import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { buttonClass, secondaryButtonClass } from '@/components/forms/form-message';
import { MILESTONE_STATUS_LABELS, MILESTONE_STATUSES } from '@/lib/domain';
import { Field, fieldClass } from '@/components/forms/row-form';
import { LimitedInput } from '@/components/forms/limited-text';

/**
 * Adds a milestone. After a success the fields are emptied and focus goes back to the title, so
 * a second click cannot add the same milestone again (issue 13); a refusal keeps what was typed.
 */
export function AddMilestoneForm({ action, slug, people, milestones }: { action: Action; slug: string; people: { id: string; name: string }[]; milestones: { id: string; title: string }[] }) {
  const form = useRef<HTMLFormElement>(null);
  const { state, formAction, pending, onSubmit } = useActionForm(action);
  const cleared = useCallback(() => {
    form.current?.reset();
    form.current?.querySelector<HTMLInputElement>('input[name=title]')?.focus();
  }, []);
  useOnSuccess(state, cleared);
  return (
    <form ref={form} action={formAction} onSubmit={onSubmit} aria-label="Add a milestone" className="flex flex-wrap items-end gap-3 rounded-lg bg-slate-50 p-3 dark:bg-slate-800/50">
      <input type="hidden" name="partnershipSlug" value={slug} />
      <Field label="New milestone"><LimitedInput name="title" required limit={200} className={`${fieldClass} w-full sm:w-64`} placeholder="e.g. Security review" /></Field>
      <Field label="Due"><input type="date" name="dueOn" className={fieldClass} /></Field>
      <Field label="Owner">
        <select name="ownerId" className={fieldClass}><option value="">Nobody</option>{people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select>
      </Field>
      <CheckboxPicker legend="Depends on" name="dependsOnIds" options={milestones.map((m) => ({ id: m.id, label: m.title }))} empty="No milestones yet." compact />
      <button type="submit" disabled={pending} className={`${buttonClass} py-1.5`}>{pending ? 'Adding…' : 'Add milestone'}</button>
      <ActionOutcome state={state} />
    </form>
  );
}

export function MoveButtons({ action, id, version, title, first, last }: { action: Action; id: string; version: number; title: string; first: boolean; last: boolean }) {
  const { state, formAction, pending, onSubmit } = useActionForm(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex items-center gap-1">
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" name="direction" value="up" disabled={pending || first} className={`${secondaryButtonClass} px-2 py-0.5 text-xs`} aria-label={`Move ${title} up`}>↑</button>
      <button type="submit" name="direction" value="down" disabled={pending || last} className={`${secondaryButtonClass} px-2 py-0.5 text-xs`} aria-label={`Move ${title} down`}>↓</button>
      {state.status === 'error' ? <ActionOutcome state={state} /> : null}
    </form>
  );
}

export function BulkMilestoneForm({ action, people }: { action: Action; people: { id: string; name: string }[] }) {
  const form = useRef<HTMLFormElement>(null);
  // After a success the selection and the change are cleared: applying twice is never one click away.
  const { state, formAction, pending, onSubmit } = useActionForm(action);
  const cleared = useCallback(() => {
    form.current?.reset();
    for (const box of document.querySelectorAll<HTMLInputElement>('input[form="bulk-milestones"]')) box.checked = false;
  }, []);
  useOnSuccess(state, cleared);
  return (
    <form ref={form} id="bulk-milestones" action={formAction} onSubmit={onSubmit} aria-label="Change selected milestones"
      className="flex flex-wrap items-end gap-3 rounded-lg border border-dashed border-slate-300 p-3 dark:border-slate-700">
      <span className="text-sm font-medium">Selected milestones:</span>
      <Field label="Set status">
        <select name="status" className={fieldClass} defaultValue=""><option value="">Keep</option>{MILESTONE_STATUSES.map((s) => <option key={s} value={s}>{MILESTONE_STATUS_LABELS[s]}</option>)}</select>
      </Field>
      <Field label="Set owner">
        <select name="ownerId" className={fieldClass} defaultValue=""><option value="">Keep</option><option value="none">Nobody</option>{people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}</select>
      </Field>
      <Field label="Set due date"><input type="date" name="dueOn" className={fieldClass} /></Field>
      <Field label="Reason (if blocking)"><LimitedInput name="blockedReason" limit={500} className={`${fieldClass} w-full sm:w-auto`} /></Field>
      <button type="submit" disabled={pending} className={`${buttonClass} py-1.5`}>{pending ? 'Applying…' : 'Apply to selected'}</button>
      <ActionOutcome state={state} />
    </form>
  );
}

export function DeleteMilestoneButton({ action, id, version, title }: { action: Action; id: string; version: number; title: string }) {
  const { state, formAction, pending, onSubmit } = useActionForm(action);
  return (
    <form action={formAction} onSubmit={(e) => { if (!confirm(`Delete "${title}"? You can undo this from "Recently deleted".`)) e.preventDefault(); else onSubmit(e); }}>
      <input type="hidden" name="id" value={id} />
      <input type="hidden" name="version" value={version} />
      <button type="submit" disabled={pending} className={`${secondaryButtonClass} px-2 py-0.5 text-xs`} aria-label={`Delete ${title}`}>Delete</button>
      {state.status === 'error' ? <ActionOutcome state={state} /> : null}
    </form>
  );
}

export function RecentlyDeleted({ action, items }: { action: Action; items: { id: string; title: string }[] }) {
  if (!items.length) return null;
  return (
    <div className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700 dark:bg-amber-950" aria-label="Recently deleted milestones" role="region">
      <span className="font-medium">Recently deleted:</span>
      <ul className="mt-1 flex flex-wrap gap-3">
        {items.map((m) => <li key={m.id}><UndoDelete action={action} id={m.id} title={m.title} /></li>)}
      </ul>
    </div>
  );
}

function UndoDelete({ action, id, title }: { action: Action; id: string; title: string }) {
  const { state, formAction, pending, onSubmit } = useActionForm(action);
  return (
    <form action={formAction} onSubmit={onSubmit} className="flex items-center gap-2">
      <input type="hidden" name="id" value={id} />
      <span>{title}</span>
      <button type="submit" disabled={pending} className={`${secondaryButtonClass} px-2 py-0.5 text-xs`} aria-label={`Undo deleting ${title}`}>Undo</button>
      {state.status === 'error' ? <ActionOutcome state={state} /> : null}
    </form>
  );
}
