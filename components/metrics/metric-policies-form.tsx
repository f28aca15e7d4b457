'use client';

import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { buttonClass } from '@/components/forms/form-message';

type Policy = { metric: string; name: string; unit: string; sharedWithPartners: boolean; confidential: boolean; version: number; defaults: { sharedWithPartners: boolean; confidential: boolean } };

/**
 * Per metric of a partnership: "Shown to partners" and "Confidential" (issue 17). Partners see a
 * metric only when it is shown to them and not confidential; confidential figures are also hidden
 * from internal roles an administrator unticked. Saved against the versions loaded (409 when a
 * colleague changed one meanwhile). Without JavaScript the form posts as usual.
 */
export function MetricPoliciesForm({ action, slug, policies }: { action: Action; slug: string; policies: Policy[] }) {
  const { state, pending, onSubmit, formAction } = useActionForm(action);
  return (
    <form action={formAction} onSubmit={onSubmit} aria-label="Sharing and confidentiality of metrics" className="space-y-3">
      <input type="hidden" name="partnership" value={slug} />
      <input type="hidden" name="metrics" value={policies.map((p) => p.metric).join(',')} />
      <table className="w-full text-sm">
        <caption className="sr-only">Who sees each metric of this partnership</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:text-slate-400">
            <th scope="col" className="py-2 pr-4 font-semibold">Metric</th>
            <th scope="col" className="py-2 pr-4 font-semibold">Shown to partners</th>
            <th scope="col" className="py-2 font-semibold">Confidential</th>
          </tr>
        </thead>
        <tbody>
          {policies.map((p) => (
            <tr key={p.metric} data-metric={p.metric} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
              <th scope="row" className="py-1.5 pr-4 font-normal">
                {p.name} <span className="text-xs text-slate-500 dark:text-slate-400">({p.unit})</span>
                <input type="hidden" name={`version:${p.metric}`} value={p.version} />
              </th>
              <td className="py-1.5 pr-4">
                <label className="flex items-center gap-2">
                  <input type="checkbox" name={`shared:${p.metric}`} defaultChecked={p.sharedWithPartners} className="size-4 accent-brand-600" />
                  <span className="sr-only">{p.name}: </span>Shown to partners
                </label>
              </td>
              <td className="py-1.5">
                <label className="flex items-center gap-2">
                  <input type="checkbox" name={`confidential:${p.metric}`} defaultChecked={p.confidential} className="size-4 accent-brand-600" />
                  <span className="sr-only">{p.name}: </span>Confidential
                </label>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex flex-wrap items-center gap-3">
        <button type="submit" disabled={pending} className={buttonClass}>{pending ? 'Saving…' : 'Save sharing'}</button>
        <ActionOutcome state={state} />
      </div>
    </form>
  );
}
