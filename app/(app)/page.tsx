import type { Metadata } from 'next';
import Link from '@/components/link';
import { PipelineBoard } from '@/components/partnerships/pipeline-board';
import { PortfolioFilters } from '@/components/partnerships/portfolio-filters';
import { PortfolioTable, type PortfolioTableRow } from '@/components/partnerships/portfolio-table';
import { EmptyState } from '@/components/ui/empty-state';
import { SavedViewsMenu } from '@/components/views/saved-views-menu';
import { packNumbers } from '@/lib/chart-wire';
import { todayIn } from '@/lib/dates';
import { PARTNERSHIP_STAGES } from '@/lib/domain';
import { HEALTH_ORDER } from '@/lib/rules/health';
import { boardStages } from '@/lib/rules/stage-moves';
import { includesEnded, PORTFOLIO_PAGE_SIZE, portfolioHref, portfolioParamsSchema, type PortfolioParams } from '@/lib/schemas/portfolio';
import { actorCan } from '@/server/auth/guard';
import { requirePagePermission } from '@/server/auth/require';
import { moveStageAction } from '@/server/partnerships/actions';
import { metricAudience } from '@/server/access/metrics';
import { findPortfolioOverview, type PortfolioItem } from '@/server/partnerships/portfolio';
import { findViews } from '@/server/views/queries';
import { PartnerPortfolio } from '@/components/partner-workspace/partner-portfolio';
import { isPartner } from '@/server/access/scope';
import { findPartnerOrganizationName, findPartnerPortfolio } from '@/server/partner-workspace/queries';

export const metadata: Metadata = { title: 'Portfolio' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const SORTERS: Record<string, (a: PortfolioItem, b: PortfolioItem) => number> = {
  health: (a, b) => HEALTH_ORDER.indexOf(a.health.level) - HEALTH_ORDER.indexOf(b.health.level) || a.name.localeCompare(b.name),
  name: (a, b) => a.name.localeCompare(b.name),
  stage: (a, b) => PARTNERSHIP_STAGES.indexOf(a.stage) - PARTNERSHIP_STAGES.indexOf(b.stage) || a.name.localeCompare(b.name),
  next: (a, b) => (a.nextMilestone?.dueOn ?? '9999').localeCompare(b.nextMilestone?.dueOn ?? '9999'),
};

export default async function PortfolioPage({ searchParams }: Props) {
  const actor = await requirePagePermission('partnerships.read', { partners: 'scoped' });
  // A partner user sees only their organization's deals, from their own scoped query (issue 17).
  if (isPartner(actor)) {
    const [deals, organization] = await Promise.all([findPartnerPortfolio(actor), findPartnerOrganizationName(actor)]);
    return <PartnerPortfolio deals={deals} organization={organization} />;
  }
  const search = await searchParams;
  const params = portfolioParamsSchema.parse(Object.fromEntries(Object.entries(search).filter(([, v]) => typeof v === 'string')));
  const today = todayIn('UTC');
  const withEnded = includesEnded(params);
  // The saved views are per person: read beside the kept portfolio, never inside it.
  const [all, views] = await Promise.all([findPortfolioOverview(today, { includeEnded: withEnded, audience: metricAudience(actor) }), findViews(actor, 'portfolio')]);
  const rows = all
    .filter((r) => !params.stage || r.stage === params.stage)
    .filter((r) => !params.health || r.health.level === params.health)
    .sort(SORTERS[params.sort ?? 'health']);
  const pages = Math.max(1, Math.ceil(rows.length / PORTFOLIO_PAGE_SIZE));
  const page = Math.min(params.page ?? 1, pages);
  const current = all.filter((r) => r.stage !== 'ENDED');
  const ended = all.length - current.length;
  const live = current.reduce((sum, r) => sum + r.regionsLive, 0);
  const regions = current.reduce((sum, r) => sum + r.regions.length, 0);
  const atRisk = current.filter((r) => r.health.level === 'at-risk').length;
  return (
    <>
      <div className="relative mb-6 flex flex-wrap items-end justify-between gap-4">
        <div>
          <div className="flex flex-wrap items-center gap-3">
            <h1 className="text-2xl font-semibold tracking-tight">Portfolio</h1>
            {actorCan(actor, 'partnerships.create') ? (
              <Link href="/partnerships/new" className="no-print rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">New partnership</Link>
            ) : null}
            <SavedViewsMenu actor={actor} kind="portfolio" views={views} search={search} align="left" />
          </div>
          <p className="mt-1 text-sm muted">
            {current.length} partnership{current.length === 1 ? '' : 's'} · {live} of {regions} regions live · {atRisk} at risk
            {withEnded ? ` · ${ended} ended` : ''}
          </p>
        </div>
        <PortfolioFilters params={params} hrefs={{ clear: portfolioHref({ view: params.view }), table: portfolioHref(params, { view: 'table' }), board: portfolioHref(params, { view: 'board' }) }} />
      </div>
      {all.some((r) => r.isDemoData) ? (
        <p className="mb-4 rounded-lg border border-slate-200 bg-white px-4 py-2 text-xs text-slate-600 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-400">
          Partnerships marked <strong>Demo data</strong> hold synthetic figures. For Apple Pay × Alipay only the events of
          27–28 October 2014 and the first three days of US card additions come from news reports.
        </p>
      ) : null}
      {all.length === 0 && !withEnded ? (
        <EmptyState title="No partnerships yet">
          Partnerships appear here once business development opens them
          {actorCan(actor, 'partnerships.create') ? <> (<Link href="/partnerships/new" className="underline">open one now</Link>)</> : null} (ended ones are kept under{' '}
          <Link href={portfolioHref(params, { show: 'ended' })} className="underline">Include ended</Link>). To explore with sample data, run{' '}
          <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">npm run db:seed</code>.
        </EmptyState>
      ) : rows.length === 0 ? (
        <EmptyState title="No partnership matches these filters"><Link href={portfolioHref({ view: params.view })} className="underline">Show all partnerships</Link></EmptyState>
      ) : params.view === 'board' ? (
        <PipelineBoard
          cards={rows.map(({ slug, name, stage, version, signed, previousOpenStage, stageAge, closedOn, owner, isDemoData, health, nextMilestone }) => (
            { slug, name, stage, version, signed, previousOpenStage, stageAge, closedOn, owner, isDemoData, health, nextMilestone }))}
          stages={boardStages(withEnded)}
          today={today}
          action={actorCan(actor, 'partnerships.stage') ? moveStageAction : null}
        />
      ) : (
        <>
          <PortfolioTable rows={rows.slice((page - 1) * PORTFOLIO_PAGE_SIZE, page * PORTFOLIO_PAGE_SIZE).map(tableRow)} today={today} />
          <Pager params={params} page={page} pages={pages} total={rows.length} />
        </>
      )}
    </>
  );
}

/** What the table shows of a deal, and nothing more: the rows travel to the browser as data. */
function tableRow(r: PortfolioItem): PortfolioTableRow {
  const { slug, name, stage, stageAge, closedOn, owner, parties, isDemoData, health, nextMilestone, overdueMilestones, staleCheckpoints, blockers, regions, regionsLive, activation } = r;
  return {
    slug, name, stage, stageAge, closedOn, owner, parties, isDemoData, health, overdueMilestones, staleCheckpoints, blockers, regions, regionsLive,
    activation: activation ? { ...activation, daily: packNumbers(activation.daily) } : null,
    nextMilestone: nextMilestone ? { title: nextMilestone.title, dueOn: nextMilestone.dueOn } : null,
  };
}

/** Pages of the table: where you are, and the way to the others (links keep the filters). */
function Pager({ params, page, pages, total }: { params: PortfolioParams; page: number; pages: number; total: number }) {
  if (pages <= 1) return null;
  const first = (page - 1) * PORTFOLIO_PAGE_SIZE + 1;
  const last = Math.min(page * PORTFOLIO_PAGE_SIZE, total);
  const link = 'rounded-md border border-slate-300 px-3 py-1.5 font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800';
  return (
    <nav aria-label="Pages of the portfolio" className="no-print mt-4 flex flex-wrap items-center justify-between gap-3 text-sm" data-testid="portfolio-pager">
      <p className="muted">Partnerships {first}–{last} of {total} (page {page} of {pages})</p>
      <div className="flex gap-2">
        {page > 1 ? <Link href={portfolioHref(params, { page: page - 1 })} className={link} rel="prev">Previous page</Link> : null}
        {page < pages ? <Link href={portfolioHref(params, { page: page + 1 })} className={link} rel="next">Next page</Link> : null}
      </div>
    </nav>
  );
}
