'use client';

import { startTransition, useActionState } from 'react';
import { buttonClass, secondaryButtonClass } from '@/components/forms/form-message';
import { IDLE, type ActionState } from '@/lib/action-state';
import { RISK_LABELS, RISK_LEVELS } from '@/lib/domain';
import { Field, fieldClass } from './row-form';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

function useForm(action: Action) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const onSubmit = (event: React.FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget, (event.nativeEvent as SubmitEvent).submitter);
    startTransition(() => formAction(data));
  };
  return { state, formAction, pending, onSubmit };
}

function Outcome({ state }: { state: ActionState }) {
  if (state.status === 'idle') return null;
  if (state.status === 'success') return <p role="status" className="fixed bottom-4 right-4 z-50 rounded-lg bg-slate-900 px-4 py-2 text-sm text-white shadow-lg dark:bg-white dark:text-slate-900">{state.message}</p>;
  return (
    <p role="alert" className="basis-full rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-100">
      {state.message}
      {state.fieldErrors ? Object.entries(state.fieldErrors).map(([f, m]) => <span key={f} className="block text-xs">{m.join(' ')}</span>) : null}
    </p>
  );
}

export function AddCheckpointForm({ action, slug }: { action: Action; slug: string }) {
  const { state, formAction, pending, onSubmit } = useForm(action);
  return (
    <form action={formAction} onSubmit={onSubmit} aria-label="Add a checkpoint" className="flex flex-wrap items-end gap-3 rounded-lg bg-slate-50 p-3 dark:bg-slate-800/50">
      <input type="hidden" name="partnershipSlug" value={slug} />
      <Field label="Regulator"><input name="regulator" required maxLength={200} className={`${fieldClass} w-56`} /></Field>
      <Field label="Jurisdiction"><input name="jurisdiction" required maxLength={3} placeholder="CN" className={`${fieldClass} w-20 uppercase`} /></Field>
      <Field label="Requirement"><input name="requirement" required maxLength={500} className={`${fieldClass} w-72`} /></Field>
      <Field label="Risk">
        <select name="risk" defaultValue="MEDIUM" className={fieldClass}>{RISK_LEVELS.map((r) => <option key={r} value={r}>{RISK_LABELS[r]}</option>)}</select>
      </Field>
      <Field label="Decision due"><input type="date" name="decisionDueOn" className={fieldClass} /></Field>
      <button type="submit" disabled={pending} className={`${buttonClass} py-1.5`}>{pending ? 'Adding…' : 'Add checkpoint'}</button>
      <Outcome state={state} />
    </form>
  );
}

export function GatesForm({ action, r, checkpoints, milestones }: {
  action: Action;
  r: { id: string; version: number; regionName: string; checkpointIds: string[]; milestoneIds: string[] };
  checkpoints: { id: string; name: string }[];
  milestones: { id: string; name: string }[];
}) {
  const { state, formAction, pending, onSubmit } = useForm(action);
  return (
    <form action={formAction} onSubmit={onSubmit} aria-label={`Gates of ${r.regionName}`} className="mt-2 flex flex-wrap items-end gap-3">
      <input type="hidden" name="id" value={r.id} />
      <input type="hidden" name="version" value={r.version} />
      <Field label="Gated by checkpoints">
        <select name="checkpointIds" multiple defaultValue={r.checkpointIds} size={Math.min(4, Math.max(2, checkpoints.length))} className={fieldClass}>
          {checkpoints.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
        </select>
      </Field>
      <Field label="Gated by milestones">
        <select name="milestoneIds" multiple defaultValue={r.milestoneIds} size={Math.min(4, Math.max(2, milestones.length))} className={fieldClass}>
          {milestones.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        </select>
      </Field>
      <button type="submit" disabled={pending} className={`${secondaryButtonClass} py-1.5`}>{pending ? 'Saving…' : 'Save gates'}</button>
      <Outcome state={state} />
    </form>
  );
}
