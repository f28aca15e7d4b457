'use client';

import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { Field, fieldClass, RowForm } from '@/components/forms/row-form';
import { buttonClass } from '@/components/forms/form-message';
import { withoutShownFields } from '@/components/forms/shown-fields';
import { LimitedInput } from '@/components/forms/limited-text';

type Region = { id: number; code: string; name: string; timeZone: string; version: number; partnerships: number; hasMetrics: boolean };

const errorText = (errors: Record<string, string[]> | undefined, field: string) => (errors?.[field] ?? errors?.[`patch.${field}`])?.join(' ');

/** The zones the server accepts, offered as suggestions: typing "Hong" finds Asia/Hong_Kong. */
export function TimeZoneList({ id, zones }: { id: string; zones: string[] }) {
  return <datalist id={id}>{zones.map((z) => <option key={z} value={z} />)}</datalist>;
}

export function AddRegionForm({ action, zones }: { action: Action; zones: string[] }) {
  const { state, formAction, pending, onSubmit } = useActionForm(action);
  const values = state.status === 'error' ? state.values : undefined;
  const errors = state.status === 'error' ? state.fieldErrors : undefined;
  const field = (name: 'code' | 'name' | 'timeZone', label: string, props: React.InputHTMLAttributes<HTMLInputElement> & { limit?: number }) => {
    const message = errorText(errors, name);
    return (
      <div className="flex flex-col gap-0.5">
        <label htmlFor={`new-region-${name}`} className="text-xs font-medium">{label}</label>
        {(({ limit, ...rest }) => {
          const shared = { id: `new-region-${name}`, name, required: true, defaultValue: values?.[name] ?? '', autoComplete: 'off',
            'aria-invalid': message ? true : undefined, 'aria-describedby': message ? `new-region-${name}-error` : undefined, ...rest };
          return limit ? <LimitedInput {...shared} limit={limit} /> : <input {...shared} />;
        })(props)}
        {message ? <p id={`new-region-${name}-error`} className="max-w-64 text-xs text-rose-700 dark:text-rose-300">{message}</p> : null}
      </div>
    );
  };
  return (
    <form action={formAction} onSubmit={onSubmit} aria-label="Add a region" className="flex flex-wrap items-start gap-3">
      {field('code', 'ISO code', { limit: 2, placeholder: 'HK', className: `${fieldClass} w-20 uppercase` })}
      {field('name', 'Name', { limit: 100, placeholder: 'Hong Kong', className: `${fieldClass} w-56` })}
      {field('timeZone', 'Time zone (IANA)', { limit: 64, list: 'region-zones', placeholder: 'Asia/Hong_Kong', className: `${fieldClass} w-64` })}
      <TimeZoneList id="region-zones" zones={zones} />
      <button type="submit" disabled={pending} className={`${buttonClass} mt-[1.125rem] py-1.5`}>{pending ? 'Adding…' : 'Add region'}</button>
      <ActionOutcome state={withoutShownFields(state, ['code', 'name', 'timeZone'])} />
    </form>
  );
}

/** One catalogue row: rename always; code and time zone only while no metric data uses them. */
export function RegionRow({ action, region }: { action: Action; region: Region }) {
  return (
    <RowForm action={action} id={String(region.id)} version={region.version} label={`Edit ${region.name}`}>
      {(values) => (
        <>
          <Field label="Name"><LimitedInput limit={100} name="name" required defaultValue={values?.name ?? region.name} className={`${fieldClass} w-56`} /></Field>
          {region.hasMetrics ? (
            <p className="text-xs muted">
              <span className="font-mono text-sm text-slate-900 dark:text-slate-100">{region.code}</span> · {region.timeZone}
              <span className="block">Code and zone are fixed: metric days are calendar days in this zone.</span>
            </p>
          ) : (
            <>
              <Field label="ISO code"><LimitedInput name="code" required limit={2} defaultValue={values?.code ?? region.code} className={`${fieldClass} w-20 uppercase`} /></Field>
              <Field label="Time zone (IANA)"><LimitedInput limit={64} name="timeZone" required list="region-zones" defaultValue={values?.timeZone ?? region.timeZone} className={`${fieldClass} w-64`} /></Field>
            </>
          )}
        </>
      )}
    </RowForm>
  );
}
