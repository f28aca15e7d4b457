'use client';

import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { buttonClass, secondaryButtonClass } from '@/components/forms/form-message';
import { RISK_LABELS, RISK_LEVELS } from '@/lib/domain';
import { Field, fieldClass } from '@/components/forms/row-form';

export function AddCheckpointForm({ action, slug }: { action: Action; slug: string }) {
  const { state, formAction, pending, onSubmit } = useActionForm(action);
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
      <ActionOutcome state={state} />
    </form>
  );
}

export function GatesForm({ action, r, checkpoints, milestones }: {
  action: Action;
  r: { id: string; version: number; regionName: string; checkpointIds: string[]; milestoneIds: string[] };
  checkpoints: { id: string; name: string }[];
  milestones: { id: string; name: string }[];
}) {
  const { state, formAction, pending, onSubmit } = useActionForm(action);
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
      <ActionOutcome state={state} />
    </form>
  );
}
