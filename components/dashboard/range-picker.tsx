'use client';

import Link from '@/components/link';
import type { ActivationChart } from '@/lib/dashboard';
import { RANGE_PRESETS } from '@/lib/granularity';
import type { ParameterProblem } from '@/lib/schemas/query-params';

const LABELS = { '7d': '7 days', '30d': '30 days', '90d': '90 days', '1y': '1 year', all: 'All' } as const;

const field = 'rounded border border-slate-300 bg-white px-1.5 py-1 aria-[invalid=true]:border-rose-600 dark:border-slate-700 dark:bg-slate-950';

/**
 * Range presets and a custom range; all state lives in the URL so a view can be shared. A wrong
 * range in the address is named in words here, and the form keeps the dates as they were typed.
 */
export function RangePicker({ slug, range, problems = [], typed }: {
  slug: string;
  range: NonNullable<ActivationChart['range']>;
  problems?: ParameterProblem[];
  typed?: { from: string; to: string };
}) {
  const mine = problems.filter((p) => p.parameter === 'from' || p.parameter === 'to' || p.parameter === 'range');
  const keepTyped = mine.some((p) => p.parameter === 'from' || p.parameter === 'to') && typed;
  return (
    <div className="no-print flex flex-wrap items-end gap-3">
      {mine.length ? (
        <ul role="alert" id="range-problems" data-testid="range-problems" className="w-full text-xs text-rose-700 dark:text-rose-300">
          {mine.map((p, i) => <li key={i}>{p.message}</li>)}
        </ul>
      ) : null}
      <nav aria-label="Chart range" className="flex rounded-lg border border-slate-300 p-0.5 dark:border-slate-700">
        {RANGE_PRESETS.map((p) => (
          <Link key={p} href={{ pathname: `/partnerships/${slug}`, query: { range: p } }} aria-current={range.preset === p ? 'true' : undefined} scroll={false}
            className="rounded-md px-2.5 py-1 text-xs font-medium text-slate-700 aria-[current=true]:bg-brand-600 aria-[current=true]:text-white dark:text-slate-200">
            {LABELS[p]}
          </Link>
        ))}
      </nav>
      <form method="get" className="flex items-end gap-2 text-xs">
        <label className="flex flex-col gap-0.5">From
          <input type="date" name="from" defaultValue={keepTyped ? typed.from : range.from} className={field}
            aria-invalid={mine.some((p) => p.parameter === 'from') || undefined} aria-describedby={mine.length ? 'range-problems' : undefined} />
        </label>
        <label className="flex flex-col gap-0.5">To
          <input type="date" name="to" defaultValue={keepTyped ? typed.to : range.to} className={field}
            aria-invalid={mine.some((p) => p.parameter === 'to') || undefined} aria-describedby={mine.length ? 'range-problems' : undefined} />
        </label>
        <button type="submit" className="rounded border border-slate-300 px-2 py-1 font-medium dark:border-slate-700">Apply</button>
      </form>
    </div>
  );
}
