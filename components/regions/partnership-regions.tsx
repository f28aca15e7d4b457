'use client';

import { ActionOutcome, useActionForm, type Action } from '@/components/forms/action-form';
import { Field, fieldClass } from '@/components/forms/row-form';
import { buttonClass, secondaryButtonClass } from '@/components/forms/form-message';
import { ROLLOUT_STATUS_LABELS, type RolloutStatus } from '@/lib/domain';

type Props = {
  slug: string;
  onDeal: { code: string; name: string; version: number; status: RolloutStatus; hasMetrics: boolean }[];
  available: { code: string; name: string }[];
  add: Action;
  remove: Action;
};

/**
 * The Regions area of the update page: add a catalogue region (its rollout starts Planned), or
 * remove one that has no metric data. One with data is withdrawn instead, in its rollout form.
 */
export function PartnershipRegions({ slug, onDeal, available, add, remove }: Props) {
  const adding = useActionForm(add);
  // One outcome for every Remove button, outside the list: a removed region's chip disappears.
  const removing = useActionForm(remove);
  return (
    <div className="space-y-3">
      <ul className="flex flex-wrap gap-2" aria-label="Regions of this partnership">
        {onDeal.map((r) => <RegionChip key={r.code} slug={slug} region={r} removing={removing} />)}
        {onDeal.length === 0 ? <li className="text-sm muted">No regions yet.</li> : null}
      </ul>
      <ActionOutcome state={removing.state} />
      {available.length ? (
        <form action={adding.formAction} onSubmit={adding.onSubmit} aria-label="Add a region" className="flex flex-wrap items-end gap-3 rounded-lg bg-slate-50 p-3 dark:bg-slate-800/50">
          <input type="hidden" name="slug" value={slug} />
          <Field label="Region">
            <select name="region" required defaultValue="" className={fieldClass}>
              <option value="" disabled>Choose…</option>
              {available.map((r) => <option key={r.code} value={r.code}>{r.name} ({r.code})</option>)}
            </select>
          </Field>
          <Field label="Planned launch (optional)"><input type="date" name="plannedLaunchOn" className={fieldClass} /></Field>
          <button type="submit" disabled={adding.pending} className={`${buttonClass} py-1.5`}>{adding.pending ? 'Adding…' : 'Add region'}</button>
          <ActionOutcome state={adding.state} />
        </form>
      ) : <p className="text-xs muted">Every catalogue region is on this partnership; an administrator adds new ones under Regions.</p>}
    </div>
  );
}

function RegionChip({ slug, region, removing }: { slug: string; region: Props['onDeal'][number]; removing: ReturnType<typeof useActionForm> }) {
  return (
    <li className="flex flex-wrap items-center gap-2 rounded-lg border border-slate-200 px-3 py-1.5 text-sm dark:border-slate-700" data-region={region.code}>
      <span><span className="font-medium">{region.name}</span> <span className="muted">· {ROLLOUT_STATUS_LABELS[region.status]}</span></span>
      {region.hasMetrics ? (
        <span className="text-xs muted" title="It has metric values or targets: withdraw it in its rollout form instead.">has metric data</span>
      ) : (
        <form action={removing.formAction} onSubmit={(e) => { if (!confirm(`Remove ${region.name} and its rollout from this partnership?`)) return e.preventDefault(); removing.onSubmit(e); }}>
          <input type="hidden" name="slug" value={slug} />
          <input type="hidden" name="region" value={region.code} />
          <input type="hidden" name="version" value={region.version} />
          <button type="submit" disabled={removing.pending} className={`${secondaryButtonClass} px-2 py-0.5 text-xs`} aria-label={`Remove ${region.name}`}>Remove</button>
        </form>
      )}
    </li>
  );
}
