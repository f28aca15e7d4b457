'use client';

import { useEffect, useRef } from 'react';
import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { buttonClass, inputClass } from '@/components/forms/form-message';
import { withoutShownFields } from '@/components/forms/shown-fields';
import { ORGANIZATION_KIND_LABELS, ORGANIZATION_KINDS, type OrganizationKind } from '@/lib/domain';
import { LimitedInput } from '@/components/forms/limited-text';

type Values = { id: string; version: number; name: string; kind: OrganizationKind; country: string | null; website: string | null };

/**
 * Create (no `organization`) or edit an organization: name, kind, country, website. Same schema
 * as POST/PATCH /api/v1/organizations; a refusal keeps what was typed and names the field.
 */
export function OrganizationForm({ action, organization }: { action: Action; organization?: Values }) {
  const { state, formAction, pending, onSubmit } = useActionForm(action);
  const form = useRef<HTMLFormElement>(null);
  // A new organization was added: empty the form for the next one (an edit keeps the saved values).
  useEffect(() => {
    if (state.status === 'success' && !organization) form.current?.reset();
  }, [state, organization]);
  const typed = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const prefix = organization ? `org-${organization.id}` : 'new-org';
  const value = (field: keyof Values) => typed?.[field] ?? (organization?.[field] as string | null | undefined) ?? '';
  const field = (name: 'name' | 'kind' | 'country' | 'website', label: string, control: (props: { id: string; name: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => React.ReactNode, hint?: string) => {
    const id = `${prefix}-${name}`;
    const messages = errors?.[name] ?? errors?.[`patch.${name}`];
    const describedBy = [hint ? `${id}-hint` : '', messages ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
    return (
      <div>
        <label htmlFor={id} className="block text-sm font-medium">{label}</label>
        {control({ id, name, 'aria-describedby': describedBy, 'aria-invalid': messages ? true : undefined })}
        {hint ? <p id={`${id}-hint`} className="mt-1 text-xs muted">{hint}</p> : null}
        {messages ? <p id={`${id}-error`} className="mt-1 text-xs text-rose-700 dark:text-rose-300">{messages.join(' ')}</p> : null}
      </div>
    );
  };
  return (
    <form ref={form} action={formAction} onSubmit={onSubmit} aria-label={organization ? `Edit ${organization.name}` : 'Add an organization'} className="space-y-4">
      {organization ? (
        <>
          <input type="hidden" name="id" value={organization.id} />
          <input type="hidden" name="version" value={organization.version} />
        </>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
        {field('name', 'Name', (p) => <LimitedInput {...p} limit={200} required defaultValue={value('name')} className={inputClass} />)}
        {field('kind', 'Kind', (p) => (
          <select {...p} defaultValue={value('kind') || 'OTHER'} className={inputClass}>
            {ORGANIZATION_KINDS.map((k) => <option key={k} value={k}>{ORGANIZATION_KIND_LABELS[k]}</option>)}
          </select>
        ))}
        {field('country', 'Country (head office)', (p) => (
          <LimitedInput {...p} limit={2} placeholder="CN" autoComplete="off" defaultValue={value('country')} className={`${inputClass} uppercase`} />
        ), 'Two-letter ISO code, e.g. CN, US.')}
        {field('website', 'Website', (p) => <LimitedInput {...p} limit={500} type="url" placeholder="https://" defaultValue={value('website')} className={inputClass} />)}
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass}>
          {pending ? 'Saving…' : organization ? 'Save changes' : 'Add organization'}
        </button>
        <ActionOutcome state={withoutShownFields(state, ['name', 'kind', 'country', 'website'])} />
      </div>
    </form>
  );
}
