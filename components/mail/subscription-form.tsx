'use client';

import { useActionState, useEffect, useRef, useState } from 'react';
import { buttonClass, FieldError, FormMessage, inputClass } from '@/components/forms/form-message';
import { IDLE, type ActionState } from '@/lib/action-state';
import { WEEKDAYS } from '@/lib/subscription-schedule';

type Action = (prev: ActionState, formData: FormData) => Promise<ActionState>;

/**
 * New mail subscription: a digest (of one deal, or of the deals one owns or watches) or, for those
 * who may export, a saved explorer view as CSV or XLSX; how often, which day, what local time, in
 * which time zone (the browser's own, prefilled).
 */
export function SubscriptionForm({ action, deals, views, canExport, zones }: {
  action: Action;
  deals: { slug: string; name: string }[];
  views: { id: string; name: string }[];
  canExport: boolean;
  zones: string[];
}) {
  const [state, formAction, pending] = useActionState(action, IDLE);
  const values = state.status === 'error' ? state.values : undefined;
  const [kind, setKind] = useState(values?.kind ?? 'digest');
  const [cadence, setCadence] = useState(values?.cadence ?? 'weekly');
  // The browser's own time zone, filled in once the page runs here (the server cannot know it).
  const zoneField = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const field = zoneField.current;
    if (field && !values?.timeZone && field.value === 'UTC') field.value = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  }, [values?.timeZone]);
  const described = (name: string) => (state.status === 'error' && state.fieldErrors?.[name] ? `${name}-error` : undefined);
  return (
    <form action={formAction} aria-label="New mail subscription" className="space-y-4 card p-4">
      <h2 className="text-base font-semibold">New subscription</h2>
      <fieldset className="flex flex-wrap gap-4 text-sm">
        <legend className="mb-1 text-sm font-medium">What</legend>
        <label className="inline-flex items-center gap-2"><input type="radio" name="kind" value="digest" checked={kind === 'digest'} onChange={() => setKind('digest')} /> Digest: what changed, activation against target, blockers, what is due</label>
        {canExport ? (
          <label className="inline-flex items-center gap-2"><input type="radio" name="kind" value="export" checked={kind === 'export'} onChange={() => setKind('export')} /> Export of a saved explorer view</label>
        ) : null}
      </fieldset>
      {kind === 'digest' ? (
        <div className="block text-sm font-medium">
          <label htmlFor="sub-partnership">Partnerships</label>
          <select id="sub-partnership" name="partnership" defaultValue={values?.partnership ?? ''} className={inputClass} aria-describedby={described('partnership')}>
            <option value="">Those I own or watch</option>
            {deals.map((d) => <option key={d.slug} value={d.slug}>{d.name}</option>)}
          </select>
          <FieldError state={state} name="partnership" />
        </div>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <div className="block text-sm font-medium">
            <label htmlFor="sub-savedViewId">Saved view</label>
            <select id="sub-savedViewId" name="savedViewId" defaultValue={values?.savedViewId ?? ''} className={inputClass} aria-describedby={described('savedViewId')}>
              <option value="">Choose a saved view</option>
              {views.map((v) => <option key={v.id} value={v.id}>{v.name}</option>)}
            </select>
            <FieldError state={state} name="savedViewId" />
            {views.length === 0 ? <span className="mt-1 block text-xs font-normal muted">Save a view in a deal’s metrics explorer first.</span> : null}
          </div>
          <div className="block text-sm font-medium">
            <label htmlFor="sub-format">File</label>
            <select id="sub-format" name="format" defaultValue={values?.format ?? 'csv'} className={inputClass}>
              <option value="csv">CSV</option>
              <option value="xlsx">Excel (XLSX)</option>
            </select>
          </div>
        </div>
      )}
      <div className="grid gap-4 sm:grid-cols-4">
        <div className="block text-sm font-medium">
          <label htmlFor="sub-cadence">How often</label>
          <select id="sub-cadence" name="cadence" value={cadence} onChange={(e) => setCadence(e.target.value)} className={inputClass}>
            <option value="daily">Every day</option>
            <option value="weekly">Every week</option>
            <option value="monthly">Every month</option>
          </select>
        </div>
        {cadence === 'weekly' ? (
          <div className="block text-sm font-medium">
            <label htmlFor="sub-day">Day</label>
            <select id="sub-day" name="day" defaultValue={values?.day ?? '1'} className={inputClass} aria-describedby={described('day')}>
              {WEEKDAYS.map((w, i) => <option key={w} value={i + 1}>{w}</option>)}
            </select>
            <FieldError state={state} name="day" />
          </div>
        ) : cadence === 'monthly' ? (
          <div className="block text-sm font-medium">
            <label htmlFor="sub-day">Day of the month</label>
            <input id="sub-day" name="day" type="number" min={1} max={28} defaultValue={values?.day ?? '1'} className={inputClass} aria-describedby={described('day')} />
            <FieldError state={state} name="day" />
          </div>
        ) : <input type="hidden" name="day" value="1" />}
        <div className="block text-sm font-medium">
          <label htmlFor="sub-localTime">Local time</label>
          <input id="sub-localTime" name="localTime" type="time" required defaultValue={values?.localTime ?? '08:00'} className={inputClass} aria-describedby={described('localTime')} />
          <FieldError state={state} name="localTime" />
        </div>
        <div className="block text-sm font-medium">
          <label htmlFor="sub-timeZone">Time zone</label>
          <input ref={zoneField} id="sub-timeZone" name="timeZone" list="time-zones" required defaultValue={values?.timeZone ?? 'UTC'} className={inputClass} aria-describedby={described('timeZone')} autoComplete="off" />
          <datalist id="time-zones">{zones.map((z) => <option key={z} value={z} />)}</datalist>
          <FieldError state={state} name="timeZone" />
        </div>
      </div>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Subscribing…' : 'Subscribe'}</button>
        <FormMessage state={state} />
      </div>
    </form>
  );
}
