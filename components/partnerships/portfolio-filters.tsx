'use client';

import type { Route } from 'next';
import Link from '@/components/link';
import { inputClass, secondaryButtonClass } from '@/components/forms/form-message';
import { PARTNERSHIP_STAGES, STAGE_LABELS } from '@/lib/domain';
import { HEALTH_LABELS, HEALTH_ORDER } from '@/lib/rules/health';
import type { PortfolioParams } from '@/lib/schemas/portfolio';

/**
 * The portfolio's filters (a GET form: they live in the URL) and the Table/Board switch (links).
 * A client component fed the parameters and the three addresses the server made (portfolioHref
 * lives beside the zod schema, which stays out of the browser's bundle): as server markup its
 * options were ~250 values of every view's payload (bench/results/notes.md, 2026-12-06).
 */
export function PortfolioFilters({ params, hrefs }: { params: PortfolioParams; hrefs: { clear: Route; table: Route; board: Route } }) {
  const filtered = params.stage || params.health || params.sort || params.show;
  return (
    <div className="no-print flex flex-wrap items-end gap-4">
      <form method="get" className="flex flex-wrap items-end gap-2 text-xs" aria-label="Filter and sort">
        {params.view === 'board' ? <input type="hidden" name="view" value="board" /> : null}
        <div className="flex flex-col gap-0.5"><label htmlFor="filter-stage">Stage</label>
          <select id="filter-stage" name="stage" defaultValue={params.stage ?? ''} className={`${inputClass} mt-0 py-1 text-xs`}>
            <option value="">All stages</option>
            {PARTNERSHIP_STAGES.map((s) => <option key={s} value={s}>{STAGE_LABELS[s]}</option>)}
          </select>
        </div>
        <div className="flex flex-col gap-0.5"><label htmlFor="filter-health">Health</label>
          <select id="filter-health" name="health" defaultValue={params.health ?? ''} className={`${inputClass} mt-0 py-1 text-xs`}>
            <option value="">Any health</option>
            {HEALTH_ORDER.map((h) => <option key={h} value={h}>{HEALTH_LABELS[h]}</option>)}
          </select>
        </div>
        <div className="flex flex-col gap-0.5"><label htmlFor="filter-sort">Sort by</label>
          <select id="filter-sort" name="sort" defaultValue={params.sort ?? 'health'} className={`${inputClass} mt-0 py-1 text-xs`}>
            <option value="health">Health (at risk first)</option>
            <option value="name">Name</option>
            <option value="stage">Stage</option>
            <option value="next">Next due date</option>
          </select>
        </div>
        <label className="flex items-center gap-1.5 py-1.5">
          <input type="checkbox" name="show" value="ended" defaultChecked={params.show === 'ended'} className="size-4" />
          Include ended
        </label>
        <button type="submit" className={secondaryButtonClass}>Apply</button>
        {filtered ? <Link href={hrefs.clear} className="px-1 py-1.5 underline">Clear</Link> : null}
      </form>
      <nav aria-label="Portfolio view" className="flex overflow-hidden rounded-md border border-slate-300 text-xs font-medium dark:border-slate-700">
        {(['table', 'board'] as const).map((view) => {
          const current = (params.view ?? 'table') === view;
          return (
            <Link
              key={view}
              href={hrefs[view]}
              aria-current={current ? 'page' : undefined}
              className={`px-3 py-1.5 ${current ? 'bg-slate-900 text-white dark:bg-white dark:text-slate-900' : 'hover:bg-slate-100 dark:hover:bg-slate-800'}`}
            >
              {view === 'table' ? 'Table' : 'Board'}
            </Link>
          );
        })}
      </nav>
    </div>
  );
}
