import type { Metadata } from 'next';
import { AddRegionForm, RegionRow } from '@/components/regions/region-catalogue';
import { supportedTimeZones } from '@/lib/places';
import { requirePagePermission } from '@/server/auth/require';
import { createRegionAction, updateRegionAction } from '@/server/regions/actions';
import { findRegionCatalogue } from '@/server/regions/queries';

export const metadata: Metadata = { title: 'Regions' };

export default async function RegionsPage() {
  await requirePagePermission('regions.manage');
  const regions = await findRegionCatalogue();
  const zones = [...supportedTimeZones()].sort();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Regions</h1>
        <p className="mt-1 max-w-prose text-sm muted">
          The catalogue partnerships pick their regions from. A region&apos;s metric days are calendar days in its time zone, so once a
          partnership has metric values or targets there, its code and time zone stay as they are.
        </p>
      </div>
      <section aria-labelledby="add-region" className="card p-5">
        <h2 id="add-region" className="mb-3 text-base font-semibold">Add a region</h2>
        <AddRegionForm action={createRegionAction} zones={zones} />
      </section>
      <section aria-labelledby="catalogue" className="card p-5">
        <h2 id="catalogue" className="mb-3 text-base font-semibold">Catalogue ({regions.length})</h2>
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {regions.map((r) => (
            <li key={r.id} className="py-3" data-region={r.code}>
              <div className="mb-2 text-sm">
                <bdi className="font-medium">{r.name}</bdi> <span className="font-mono text-xs">{r.code}</span>
                <span className="muted"> · {r.partnerships === 0 ? 'no partnerships' : `${r.partnerships} partnership${r.partnerships === 1 ? '' : 's'}`}{r.hasMetrics ? ' · has metric data' : ''}</span>
              </div>
              <RegionRow action={updateRegionAction} region={r} />
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
