import type { Metadata } from 'next';
import { PortfolioTable } from '@/components/partnerships/portfolio-table';
import { EmptyState } from '@/components/ui/empty-state';
import { todayIn } from '@/lib/dates';
import { requirePagePermission } from '@/server/auth/require';
import { findPortfolio } from '@/server/partnerships/queries';

export const metadata: Metadata = { title: 'Portfolio' };

export default async function PortfolioPage() {
  await requirePagePermission('partnerships.read');
  const rows = await findPortfolio();
  const live = rows.reduce((sum, r) => sum + r.regionsLive, 0);
  const regions = rows.reduce((sum, r) => sum + r.regions.length, 0);
  return (
    <>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Portfolio</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {rows.length} partnership{rows.length === 1 ? '' : 's'} · {live} of {regions} regions live
          </p>
        </div>
      </div>
      {rows.some((r) => r.isDemoData) ? (
        <p className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-2 text-xs text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
          Partnerships marked <strong>Demo data</strong> hold synthetic figures. For Apple Pay × Alipay only the events of
          27–28 October 2014 and the first three days of US card additions come from news reports.
        </p>
      ) : null}
      {rows.length === 0 ? (
        <EmptyState title="No partnerships yet">
          Partnerships appear here once business development opens them. To explore with sample data, run{' '}
          <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">npm run db:seed</code>.
        </EmptyState>
      ) : (
        <PortfolioTable rows={rows} today={todayIn('UTC')} />
      )}
    </>
  );
}
