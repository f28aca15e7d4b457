import type { Route } from 'next';
import { addDays } from '@/lib/dates';
import type { ExplorerView } from '@/lib/metrics-explorer';
import { metricsQueryString, type MetricsInput, type QueryProblem } from '@/lib/schemas/metrics-api';
import { ExplorerForm } from './explorer-form';

/**
 * The explorer's choices as a plain GET form: every choice lands in the URL (shareable, works
 * without JavaScript), and the same parameters drive the API and the exports. When the address
 * holds a wrong choice, each is named in words above the form, and the dates keep what was typed.
 * The quick ranges' addresses are made here (metricsQueryString sits beside the zod schema, which
 * stays out of the browser); the form itself is a client component.
 */
export function ExplorerFilters({ view, problems = [], typed }: { view: ExplorerView; problems?: QueryProblem[]; typed?: MetricsInput }) {
  const q = view.query;
  const presets = view.span
    ? ([['30 days', 30], ['90 days', 90], ['1 year', 365], ['All', null]] as const).map(([label, days]) => {
        const from = days === null ? view.span!.first : addDays(view.span!.last, -(days - 1));
        const first = from < view.span!.first ? view.span!.first : from;
        const to = view.span!.last;
        return {
          label,
          href: `/partnerships/${view.partnership.slug}/metrics?${metricsQueryString({ ...q, from: first, to })}` as Route,
          current: first === q.from && to === q.to,
        };
      })
    : [];
  return <ExplorerForm query={q} options={view.options} hasSpan={view.span !== null} presets={presets} problems={problems} typed={typed} />;
}
