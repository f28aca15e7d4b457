import type { Metadata } from 'next';
import Link from 'next/link';
import { inputClass, secondaryButtonClass } from '@/components/forms/form-message';
import { PortfolioTable } from '@/components/partnerships/portfolio-table';
import { EmptyState } from '@/components/ui/empty-state';
import { todayIn } from '@/lib/dates';
import { PARTNERSHIP_STAGES, STAGE_LABELS } from '@/lib/domain';
import { HEALTH_LABELS, HEALTH_ORDER } from '@/lib/rules/health';
import { portfolioParamsSchema } from '@/lib/schemas/portfolio';
import { requirePagePermission } from '@/server/auth/require';
import { findPortfolioOverview, type PortfolioItem } from '@/server/partnerships/portfolio';

export const metadata: Metadata = { title: 'Portfolio' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SORTERS: Record<string, (a: PortfolioItem, b: PortfolioItem) => number> = {
  health: (a, b) => HEALTH_ORDER.indexOf(a.health.level) - HEALTH_ORDER.indexOf(b.health.level) || a.name.localeCompare(b.name),
  name: (a, b) => a.name.localeCompare(b.name),
  stage: (a, b) => PARTNERSHIP_STAGES.indexOf(a.stage) - PARTNERSHIP_STAGES.indexOf(b.stage) || a.name.localeCompare(b.name),
  next: (a, b) => (a.nextMilestone?.dueOn ?? '9999').localeCompare(b.nextMilestone?.dueOn ?? '9999'),
};

export default async function PortfolioPage({ searchParams }: Props) {
  await requirePagePermission('partnerships.read');
  const params = portfolioParamsSchema.parse(Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === 'string')));
  const today = todayIn('UTC');
  const all = await findPortfolioOverview(today);
  const rows = all
    .filter((r) => !params.stage || r.stage === params.stage)
    .filter((r) => !params.health || r.health.level === params.health)
    .sort(SORTERS[params.sort ?? 'health']);
  const live = all.reduce((sum, r) => sum + r.regionsLive, 0);
  const regions = all.reduce((sum, r) => sum + r.regions.length, 0);
  const atRisk = all.filter((r) => r.health.level === 'at-risk').length;
  return (
    <>
      <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Portfolio</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
            {all.length} partnership{all.length === 1 ? '' : 's'} · {live} of {regions} regions live · {atRisk} at risk
          </p>
        </div>
        <form method="get" className="no-print flex flex-wrap items-end gap-2 text-xs" aria-label="Filter and sort">
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
          <button type="submit" className={secondaryButtonClass}>Apply</button>
          {params.stage || params.health || params.sort ? <Link href="/" className="px-1 py-1.5 underline">Clear</Link> : null}
        </form>
      </div>
      {all.some((r) => r.isDemoData) ? (
        <p className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-2 text-xs text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
          Partnerships marked <strong>Demo data</strong> hold synthetic figures. For Apple Pay × Alipay only the events of
          27–28 October 2014 and the first three days of US card additions come from news reports.
        </p>
      ) : null}
      {all.length === 0 ? (
        <EmptyState title="No partnerships yet">
          Partnerships appear here once business development opens them. To explore with sample data, run{' '}
          <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">npm run db:seed</code>.
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title="No partnership matches these filters"><Link href="/" className="underline">Show all partnerships</Link></EmptyState>
      ) : (
        <PortfolioTable rows={rows} today={today} />
      )}
    </>
  );
}
