import type { Route } from 'next';
import { packRows } from '@/lib/chart-wire';
import type { ExplorerView } from '@/lib/metrics-explorer';
import { metricsQueryString } from '@/lib/schemas/metrics-api';
import { ExplorerRows } from './explorer-rows';
import { TablePager } from './table-pager';

/** The view's rows, in the order of the exports (metric, region, period), a page at a time. */
export function ExplorerTable({ view }: { view: ExplorerView }) {
  const first = (view.page - 1) * view.pageSize + 1;
  const last = first + view.rows.length - 1;
  const pages = Math.max(1, Math.ceil(view.total / view.pageSize));
  const pageHref = (page: number) => `/partnerships/${view.partnership.slug}/metrics?${metricsQueryString({ ...view.query, page })}` as Route;
  return (
    <div>
      <div className="overflow-x-auto">
        <table className="w-full text-sm" data-testid="explorer-table">
          <caption className="sr-only">Metric values of this view, {view.query.mode === 'cumulative' ? 'cumulative' : 'per period'}</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:text-slate-400">
              <th scope="col" className="py-2 pr-4 font-semibold">Period start</th>
              <th scope="col" className="py-2 pr-4 font-semibold">Region</th>
              <th scope="col" className="py-2 pr-4 font-semibold">Metric</th>
              <th scope="col" className="py-2 text-right font-semibold">{view.query.mode === 'cumulative' ? 'Value (cumulative)' : 'Value'}</th>
            </tr>
          </thead>
          <ExplorerRows rows={packRows(view.rows)} granularity={view.granularity} partial={view.partial}
            names={Object.fromEntries(view.options.metrics.map((m) => [m.key, m.name]))} />
        </table>
      </div>
      <TablePager first={first} last={last} total={view.total} page={view.page} pages={pages}
        previous={view.page > 1 ? pageHref(view.page - 1) : null} next={view.page < pages ? pageHref(view.page + 1) : null} />
    </div>
  );
}
