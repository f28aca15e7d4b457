'use client';

import type { Route } from 'next';
import Link from '@/components/link';
import { GRANULARITIES } from '@/lib/granularity';
import type { ExplorerView } from '@/lib/metrics-explorer';
import type { MetricsInput, QueryProblem } from '@/lib/schemas/metrics-api';
import { ConfidentialMark } from './confidential-mark';
import { RegionChoices } from './region-choices';

const GRANULARITY_LABELS = { day: 'Day', week: 'ISO week', month: 'Month', quarter: 'Quarter' } as const;
const input = 'aria-[invalid=true]:border-rose-600 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950';

export type ExplorerFormProps = {
  query: ExplorerView['query'];
  options: ExplorerView['options'];
  /** whether the partnership has any figures (the problems' wording depends on it) */
  hasSpan: boolean;
  /** the quick ranges, their addresses made by the server */
  presets: { label: string; href: Route; current: boolean }[];
  problems: QueryProblem[];
  typed?: MetricsInput;
};

/**
 * The explorer's form (see ExplorerFilters), a client component fed the query and the options only:
 * as server markup its checkboxes, radios and options were ~300 values of every view's payload
 * (bench/results/notes.md, 2026-12-06).
 */
export function ExplorerForm({ query: q, options, hasSpan, presets, problems, typed }: ExplorerFormProps) {
  const wrong = new Set(problems.map((p) => p.parameter));
  const dateProblem = wrong.has('from') || wrong.has('to');
  const fromValue = dateProblem && typed ? typed.from : (q.from ?? '');
  const toValue = dateProblem && typed ? typed.to : (q.to ?? '');
  const allRegions = q.regions.length === 0;
  return (
    <form method="get" className="no-print space-y-4 card p-4" aria-label="Choose the view">
      {problems.length ? (
        <div role="alert" id="view-problems" data-testid="view-problems" className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200">
          <p className="font-semibold">This view cannot be shown as asked{hasSpan ? '; the figures below leave these choices at their defaults until you fix them' : ''}:</p>
          <ul className="mt-1 list-disc pl-5">
            {problems.map((p, i) => <li key={i} data-parameter={p.parameter}><bdi>{p.message}</bdi></li>)}
          </ul>
        </div>
      ) : null}
      <div className="grid gap-4 lg:grid-cols-[1fr_1fr_auto]">
        <fieldset>
          <legend className="text-xs font-semibold uppercase tracking-wide muted">Metrics</legend>
          <div className="check-options mt-1.5 flex flex-wrap gap-x-4 gap-y-1.5">
            {options.metrics.map((m) => (
              <label key={m.key}>
                <input type="checkbox" name="metric" value={m.key} defaultChecked={q.metrics.includes(m.key)} />
                {m.name} <span className="text-xs text-slate-500 dark:text-slate-400">({m.unit})</span> <ConfidentialMark show={m.confidential} />
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset>
          <legend className="text-xs font-semibold uppercase tracking-wide muted">
            Regions <span className="font-normal normal-case">(none ticked: all)</span>
          </legend>
          <div className="check-options mt-1.5 flex flex-wrap gap-x-4 gap-y-1.5">
            <RegionChoices regions={options.regions} chosen={allRegions ? 'all' : q.regions} />
          </div>
        </fieldset>
        <fieldset>
          <legend className="text-xs font-semibold uppercase tracking-wide muted">Values</legend>
          <div className="mt-1.5 flex gap-4">
            <label className="flex items-center gap-1.5 text-sm"><input type="radio" name="mode" value="period" defaultChecked={q.mode === 'period'} className="accent-brand-600" />Per period</label>
            <label className="flex items-center gap-1.5 text-sm"><input type="radio" name="mode" value="cumulative" defaultChecked={q.mode === 'cumulative'} className="accent-brand-600" />Cumulative</label>
          </div>
        </fieldset>
      </div>
      <div className="flex flex-wrap items-end gap-3">
        <label className="flex flex-col gap-0.5 text-xs font-medium">From
          <input type="date" name="from" defaultValue={fromValue} className={input} aria-invalid={wrong.has('from') || undefined} aria-describedby={wrong.has('from') ? 'view-problems' : undefined} />
        </label>
        <label className="flex flex-col gap-0.5 text-xs font-medium">To
          <input type="date" name="to" defaultValue={toValue} className={input} aria-invalid={wrong.has('to') || undefined} aria-describedby={wrong.has('to') ? 'view-problems' : undefined} />
        </label>
        <label className="flex flex-col gap-0.5 text-xs font-medium">Granularity
          <select name="granularity" defaultValue={q.granularity} className={input} aria-invalid={wrong.has('granularity') || undefined} aria-describedby={wrong.has('granularity') ? 'view-problems' : undefined}>
            {GRANULARITIES.map((g) => <option key={g} value={g}>{GRANULARITY_LABELS[g]}</option>)}
          </select>
        </label>
        <button type="submit" className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">Show</button>
        {presets.length ? (
          <nav aria-label="Quick ranges" className="ml-auto flex flex-wrap items-center gap-1 text-xs">
            <span className="muted">Last:</span>
            {presets.map((p) => (
              <Link key={p.label} href={p.href} aria-current={p.current ? 'true' : undefined}
                className="rounded-md border border-slate-300 px-2 py-1 font-medium aria-[current=true]:border-brand-600 aria-[current=true]:bg-brand-600 aria-[current=true]:text-white dark:border-slate-700">
                {p.label}
              </Link>
            ))}
          </nav>
        ) : null}
      </div>
    </form>
  );
}
