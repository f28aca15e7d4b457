'use client';

import { useState } from 'react';
import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { buttonClass, inputClass, secondaryButtonClass } from '@/components/forms/form-message';
import type { ActionState } from '@/lib/action-state';
import { STAGE_LABELS } from '@/lib/domain';
import { CREATE_STAGES } from '@/lib/rules/stages';
import { suggestSlug } from '@/lib/slug';
import { errorsFor } from './field-errors';
import { LimitedInput, LimitedTextarea } from '@/components/forms/limited-text';

export type PartnershipFormValues = {
  slug?: string;
  version?: number;
  name: string;
  /** null: confidential to this editor (`hiddenFields`); the form leaves it out and it is kept as it is */
  summary: string | null;
  ownerEmail: string;
  openedOn: string;
  targetSignOn: string | null;
  targetLaunchOn: string | null;
  signedOn: string | null;
  parties: { organization: string; role: string }[];
  /** Fields confidential to this editor (issue 17, item 5): shown as "Confidential", not sent. */
  hiddenFields?: readonly string[];
};

type Props = {
  mode: 'create' | 'edit';
  action: Action;
  initial: PartnershipFormValues;
  owners: { email: string; name: string }[];
  organizations: string[];
  templates?: { slug: string; name: string }[];
};

const SUGGESTED_ROLES = ['Wallet platform', 'Payment provider', 'Card issuer', 'Card network', 'Acquirer', 'Merchant', 'Transit operator'];

/**
 * Create and edit a partnership's record: one form, the fields of lib/schemas/partnerships.ts.
 * Parties are rows of organization + role; an organization typed that does not exist yet is
 * created with the deal. Works without JavaScript (a plain POST to the server action).
 */
export function PartnershipForm({ mode, action, initial, owners, organizations, templates = [] }: Props) {
  const { state, pending, onSubmit, formAction } = useActionForm(action);
  const values = state.status === 'error' ? state.values : undefined;
  const [name, setName] = useState(values?.name ?? initial.name);
  const [slug, setSlug] = useState(values?.slug ?? '');
  const [slugTouched, setSlugTouched] = useState(false);
  const [stage, setStage] = useState(values?.stage ?? 'EXPLORING');
  // Rows keep a stable key, so removing one leaves what was typed in the others where it is.
  const [parties, setParties] = useState(() =>
    [...initial.parties, ...Array.from({ length: Math.max(0, 2 - initial.parties.length) }, () => ({ organization: '', role: '' }))].map((p, key) => ({ ...p, key })),
  );
  const [nextKey, setNextKey] = useState(100);
  const err = (field: string) => errorsFor(state as ActionState, field);
  const shownSlug = slugTouched ? slug : suggestSlug(name);
  const v = (field: keyof PartnershipFormValues) => values?.[field] ?? (initial[field] as string | null) ?? '';
  const hidden = (field: string) => initial.hiddenFields?.includes(field) ?? false;

  return (
    <form action={formAction} onSubmit={onSubmit} aria-label={mode === 'create' ? 'New partnership' : `Edit ${initial.name}`} className="space-y-6" noValidate>
      {initial.slug ? <input type="hidden" name="slug" value={initial.slug} /> : null}
      {initial.version ? <input type="hidden" name="version" value={initial.version} /> : null}
      <fieldset className="grid gap-4 sm:grid-cols-2">
        <legend className="mb-2 text-base font-semibold">The deal</legend>
        <Field id="p-name" label="Name" errors={err('name')}>
          <LimitedInput limit={200} id="p-name" name="name" required value={name} onChange={(e) => setName(e.target.value)} className={inputClass} aria-describedby="p-name-error" autoComplete="off" />
        </Field>
        {mode === 'create' ? (
          <Field id="p-slug" label="Web address" hint={`/partnerships/${shownSlug || '…'} — fixed once created.`} errors={err('slug')}>
            <LimitedInput limit={80} id="p-slug" name="slug" value={shownSlug} onChange={(e) => { setSlugTouched(true); setSlug(e.target.value); }} className={`${inputClass} font-mono`} aria-describedby="p-slug-hint p-slug-error" autoComplete="off" spellCheck={false} />
          </Field>
        ) : (
          <div>
            <p className="block text-sm font-medium">Web address</p>
            <p className="mt-1 py-2 font-mono text-sm muted">/partnerships/{initial.slug} <span className="font-sans">(fixed)</span></p>
          </div>
        )}
        <Field id="p-owner" label="Owner" errors={err('ownerEmail')}>
          <select id="p-owner" name="ownerEmail" defaultValue={v('ownerEmail')} className={inputClass} aria-describedby="p-owner-error">
            {owners.map((o) => <option key={o.email} value={o.email}>{o.name} ({o.email})</option>)}
          </select>
        </Field>
        {mode === 'create' ? (
          <Field id="p-stage" label="Stage" errors={err('stage')}>
            <select id="p-stage" name="stage" value={stage} onChange={(e) => setStage(e.target.value)} className={inputClass} aria-describedby="p-stage-error">
              {CREATE_STAGES.map((s) => <option key={s} value={s}>{STAGE_LABELS[s]}</option>)}
            </select>
          </Field>
        ) : null}
        <div className="sm:col-span-2">
          {hidden('summary') ? <Confidential label="Summary" /> : (
          <Field id="p-summary" label="Summary" hint="What the deal is for, in a few sentences." errors={err('summary')}>
            <LimitedTextarea limit={4000} id="p-summary" name="summary" rows={3} defaultValue={v('summary')} className={inputClass} aria-describedby="p-summary-hint p-summary-error" />
          </Field>
          )}
        </div>
      </fieldset>

      <fieldset>
        <legend className="mb-1 text-base font-semibold">Parties</legend>
        <p className="mb-3 text-sm muted">Pick an organization or type a new name (it is added to Organizations), and say what it brings to the deal.</p>
        <datalist id="organization-names">{organizations.map((o) => <option key={o} value={o} />)}</datalist>
        <datalist id="party-roles">{SUGGESTED_ROLES.map((r) => <option key={r} value={r} />)}</datalist>
        <ol className="space-y-3">
          {parties.map((party, i) => (
            <li key={party.key} className="grid items-end gap-3 sm:grid-cols-[1fr_1fr_auto]">
              <div>
                <label htmlFor={`party-org-${party.key}`} className="block text-sm font-medium">Organization {i + 1}</label>
                <LimitedInput limit={200} id={`party-org-${party.key}`} name="partyOrganization" list="organization-names" defaultValue={party.organization} className={inputClass} autoComplete="off" />
              </div>
              <div>
                <label htmlFor={`party-role-${party.key}`} className="block text-sm font-medium">Role of organization {i + 1}</label>
                <LimitedInput limit={120} id={`party-role-${party.key}`} name="partyRole" list="party-roles" defaultValue={party.role} className={inputClass} autoComplete="off" />
              </div>
              <button type="button" className={secondaryButtonClass} disabled={parties.length <= 2}
                onClick={() => setParties(parties.filter((p) => p.key !== party.key))} aria-label={`Remove organization ${i + 1}`}>Remove</button>
            </li>
          ))}
        </ol>
        <button type="button" className={`${secondaryButtonClass} mt-3`} disabled={parties.length >= 10} onClick={() => { setParties([...parties, { organization: '', role: '', key: nextKey }]); setNextKey(nextKey + 1); }}>Add a party</button>
        <FieldErrors id="parties-error" errors={[...err('parties'), ...Object.entries(state.status === 'error' ? state.fieldErrors ?? {} : {}).filter(([k]) => /parties\.\d/.test(k)).flatMap(([, m]) => m)]} />
      </fieldset>

      <fieldset className="grid gap-4 sm:grid-cols-4">
        <legend className="mb-2 text-base font-semibold">Key dates</legend>
        <DateField id="p-opened" name="openedOn" label="Opened" required value={v('openedOn')} errors={err('openedOn')} />
        {hidden('targetSignOn') ? <Confidential label="Target signing" /> : <DateField id="p-target-sign" name="targetSignOn" label="Target signing" value={v('targetSignOn')} errors={err('targetSignOn')} />}
        {hidden('targetLaunchOn') ? <Confidential label="Target launch" /> : <DateField id="p-target-launch" name="targetLaunchOn" label="Target launch" value={v('targetLaunchOn')} errors={err('targetLaunchOn')} />}
        {mode === 'edit' || ['SIGNED', 'INTEGRATING', 'LAUNCHED'].includes(stage) ? (
          <DateField id="p-signed" name="signedOn" label="Signed on" value={v('signedOn')} errors={err('signedOn')} />
        ) : null}
      </fieldset>

      {mode === 'create' ? (
        <fieldset>
          <legend className="mb-1 text-base font-semibold">Start from a template</legend>
          <Field id="p-template" label="Copy the plan of" hint="Milestones (with owners, dependencies and due dates moved by the same number of days), regulatory checkpoints (status reset) and regions as planned rollouts with their gates. Never metrics, targets or history." errors={err('template')}>
            <select id="p-template" name="template" defaultValue={values?.template ?? ''} className={inputClass} aria-describedby="p-template-hint p-template-error">
              <option value="">No template: start with an empty plan</option>
              {templates.map((t) => <option key={t.slug} value={t.slug}>{t.name}</option>)}
            </select>
          </Field>
        </fieldset>
      ) : null}

      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Saving…' : mode === 'create' ? 'Open partnership' : 'Save changes'}</button>
        <ActionOutcome state={state as ActionState} />
      </div>
    </form>
  );
}

function Field({ id, label, hint, errors, children }: { id: string; label: string; hint?: string; errors: string[]; children: React.ReactNode }) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">{label}</label>
      {children}
      {hint ? <p id={`${id}-hint`} className="mt-1 text-xs muted">{hint}</p> : null}
      <FieldErrors id={`${id}-error`} errors={errors} />
    </div>
  );
}

function DateField({ id, name, label, value, errors, required }: { id: string; name: string; label: string; value: string; errors: string[]; required?: boolean }) {
  return (
    <Field id={id} label={label} errors={errors}>
      <input id={id} name={name} type="date" required={required} defaultValue={value} className={inputClass} aria-describedby={`${id}-error`} />
    </Field>
  );
}

export function FieldErrors({ id, errors }: { id: string; errors: string[] }) {
  if (!errors.length) return null;
  return <p id={id} className="mt-1 text-xs text-rose-700 dark:text-rose-300">{errors.join(' ')}</p>;
}

/** A field confidential to this editor: named, its value neither shown nor sent (kept as it is). */
function Confidential({ label }: { label: string }) {
  return (
    <div data-confidential>
      <p className="block text-sm font-medium">{label}</p>
      <p className="mt-1 py-2 text-sm italic muted">Confidential: not shown to your role.</p>
    </div>
  );
}
