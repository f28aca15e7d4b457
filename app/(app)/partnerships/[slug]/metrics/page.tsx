import type { Metadata, Route } from 'next';
import Link from '@/components/link';
import { notFound } from 'next/navigation';
import { Section } from '@/components/dashboard/section';
import { MetricsChartIsland } from '@/components/charts/metrics-chart-island';
import { packSeries } from '@/lib/chart-wire';
import { ExplorerFilters } from '@/components/metrics/explorer-filters';
import { ExplorerTable } from '@/components/metrics/explorer-table';
import { ExportButtons } from '@/components/metrics/export-buttons';
import { PartialPeriodsNote } from '@/components/metrics/partial-periods';
import { EmptyState } from '@/components/ui/empty-state';
import { SavedViewsMenu } from '@/components/views/saved-views-menu';
import { formatInteger } from '@/lib/format';
import { EXPLORER_CHART_PERIODS, EXPLORER_ROW_LIMIT } from '@/lib/metrics-explorer';
import { metricsQueryString, readMetricsQuery } from '@/lib/schemas/metrics-api';
import { actorCan } from '@/server/auth/guard';
import { requirePagePermission } from '@/server/auth/require';
import { isPartner } from '@/server/access/scope';
import { findExplorerView } from '@/server/metrics/explorer';
import { findViews } from '@/server/views/queries';
import { BackLink } from '@/components/back-link';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Metrics explorer' };

function toParams(search: Record<string, string | string[] | undefined>) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(search)) {
    if (key === 'page') continue;
    for (const v of Array.isArray(value) ? value : [value]) if (v !== undefined && v !== '') params.append(key, v);
  }
  return params;
}

export default async function MetricsExplorerPage({ params, searchParams }: Props) {
  // Partners see their own partnerships' shared metrics: findExplorerView scopes itself (issue 17).
  const actor = await requirePagePermission('metrics.read', { partners: 'scoped' });
  const slug = (await params).slug.slice(0, 200);
  const search = await searchParams;
  // Every wrong parameter is named beside the form, which keeps what was typed; the view shows
  // the rest of the choices with the wrong ones at their defaults.
  const { query, problems, input } = readMetricsQuery(toParams(search));
  const page = Number(typeof search.page === 'string' ? search.page : 1);
  // The saved views are per person: read beside the explorer's (kept) view, never inside it.
  const [view, views] = await Promise.all([findExplorerView(actor, slug, query, Number.isSafeInteger(page) ? page : 1), 
    // Saved views are internal people's (their filters may name metrics a partner may not see).
    isPartner(actor) ? [] : findViews(actor, 'metrics', slug)]);
  if (!view) notFound();
  const canExport = actorCan(actor, 'metrics.export', { partners: 'scoped' });
  const canImport = actorCan(actor, 'metrics.import');

  return (
    <div className="space-y-6">
      <header className="relative flex flex-wrap items-end justify-between gap-4">
        <div>
          <BackLink href={`/partnerships/${slug}`}>{view.partnership.name}</BackLink>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">Metrics explorer</h1>
          <p className="mt-1 max-w-3xl text-sm muted">
            Days are each region&apos;s own calendar days; weeks are ISO weeks (Monday first). The chart, the table and every export show the same rows.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          <SavedViewsMenu actor={actor} kind="metrics" views={views} search={search} partnership={view.partnership.slug} />
          {canImport ? (
            <Link href={`/partnerships/${slug}/metrics/import`} className="no-print rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
              Import a CSV
            </Link>
          ) : null}
        </div>
      </header>
      <ExplorerFilters view={view} problems={problems} typed={input} />

      {!view.span ? (
        <EmptyState title="No metrics recorded yet">
          {canImport ? <>Import a CSV of daily values to start: <Link className="underline" href={`/partnerships/${slug}/metrics/import`}>Import a CSV</Link>.</> : 'An analyst can import daily values.'}
        </EmptyState>
      ) : !view.query.metrics.length ? (
        <EmptyState title="Choose at least one metric">Tick one or more metrics above and press Show.</EmptyState>
      ) : (
        <>
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm ink" data-testid="row-count">
              <strong>{formatInteger(view.total)}</strong> row{view.total === 1 ? '' : 's'} in this view
              {view.query.mode === 'cumulative' ? ' · cumulative: running totals per region since the first recorded day' : ''}
            </p>
            <ExportButtons view={view} canExport={canExport} />
          </div>
          {view.tooMany ? (
            <EmptyState title={`${formatInteger(view.total)} rows: too many to show here`}>
              The screen shows up to {formatInteger(EXPLORER_ROW_LIMIT)} rows. Narrow the range, choose fewer regions or a coarser granularity, or export: every file holds all {formatInteger(view.total)} rows.
            </EmptyState>
          ) : view.total === 0 ? (
            <EmptyState title="No values in this view">Widen the date range or choose other regions or metrics.</EmptyState>
          ) : (
            <>
              <PartialPeriodsNote partial={view.partial} granularity={view.granularity} whole={view.wholePeriods}
                wholeHref={view.wholePeriods ? (`/partnerships/${view.partnership.slug}/metrics?${metricsQueryString({ ...view.query, ...view.wholePeriods })}` as Route) : null} />
              <Section title="Chart" id="explorer-chart">
                {view.chart ? (
                  <MetricsChartIsland series={packSeries(view.chart)} granularity={view.granularity} mode={view.query.mode} partial={view.partial} />
                ) : (
                  <p className="text-sm muted">
                    More than {formatInteger(EXPLORER_CHART_PERIODS)} periods: too many to draw. Choose a coarser granularity to see the chart; the table below has every row.
                  </p>
                )}
              </Section>
              <Section title="Table" id="explorer-table">
                <ExplorerTable view={view} />
              </Section>
            </>
          )}
        </>
      )}
    </div>
  );
}
