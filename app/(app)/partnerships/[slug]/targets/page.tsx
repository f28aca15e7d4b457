import type { Route } from 'next';
import type { Metadata } from 'next';
import Link from '@/components/link';
import { notFound } from 'next/navigation';
import { TargetGrid } from '@/components/targets/target-grid';
import { EmptyState } from '@/components/ui/empty-state';
import { TARGET_YEARS } from '@/lib/rules/targets';
import { targetsQuerySchema } from '@/lib/schemas/targets';
import { actorCan } from '@/server/auth/guard';
import { requirePagePermission } from '@/server/auth/require';
import { NotFoundError } from '@/server/errors';
import { saveTargetsAction } from '@/server/targets/actions';
import { findTargetsPage } from '@/server/targets/queries';
import { BackLink } from '@/components/back-link';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export const metadata: Metadata = { title: 'Targets' };

const linkClass = 'rounded-md border border-slate-300 px-2.5 py-1 text-sm font-medium hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800';

export default async function TargetsPage({ params, searchParams }: Props) {
  const actor = await requirePagePermission('partnerships.read');
  const slug = (await params).slug.slice(0, 200);
  const search = Object.fromEntries(Object.entries(await searchParams).filter(([k, v]) => (k === 'year' || k === 'metric') && typeof v === 'string' && v !== ''));
  const parsed = targetsQuerySchema.safeParse(search);
  const year = (parsed.success ? parsed.data.year : undefined) ?? new Date().getUTCFullYear();
  const view = await findTargetsPage(actor, slug, year, parsed.success ? parsed.data.metric : undefined).catch((error: unknown) => {
    if (error instanceof NotFoundError) notFound();
    throw error;
  });
  const canEdit = actorCan(actor, 'targets.update') && !view.confidential;
  const base = `/partnerships/${view.partnership.slug}/targets`;

  return (
    <div className="space-y-6">
      <header className="flex flex-wrap items-end justify-between gap-4">
        <div className="max-w-3xl">
          <BackLink href={`/partnerships/${view.partnership.slug}`}>{view.partnership.name}</BackLink>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">Targets {view.year}</h1>
          <p className="mt-1 text-sm muted">
            The activation plan per region and month. Each monthly figure is spread over the days of the month in the region&apos;s own
            calendar, so the dashboard&apos;s target line and &ldquo;of target&rdquo; figures add up to exactly what is shown here.
            {/* Confidential targets (issue 17, item 5): nothing to view or edit, whatever the role may do otherwise. */}
            {view.confidential
              ? ' The activation targets of this partnership are confidential to your role.'
              : canEdit ? '' : ' You can view the plan; business development and analysts edit it.'}
          </p>
        </div>
        <nav aria-label="Year" className="flex items-center gap-2">
          {view.year > TARGET_YEARS.min ? <Link className={linkClass} href={`/partnerships/${view.partnership.slug}/targets?year=${view.year - 1}` as Route} aria-label={`Previous year, ${view.year - 1}`}>← {view.year - 1}</Link> : null}
          <span className="px-1 text-sm font-semibold" aria-current="page">{view.year}</span>
          {view.year < TARGET_YEARS.max ? <Link className={linkClass} href={`/partnerships/${view.partnership.slug}/targets?year=${view.year + 1}` as Route} aria-label={`Next year, ${view.year + 1}`}>{view.year + 1} →</Link> : null}
          {canEdit ? <Link className={linkClass} href={`/partnerships/${view.partnership.slug}/targets/import` as Route}>Import CSV</Link> : null}
        </nav>
      </header>

      {!parsed.success ? (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          Some settings in the address were not understood and were ignored: {parsed.error.issues.map((i) => i.message).join(' ')}
        </p>
      ) : null}

      {view.confidential ? (
        <EmptyState title="The activation targets are confidential">The targets of this partnership are not shown to your role.</EmptyState>
      ) : null}

      {view.grids.map((g) => (
        <TargetGrid key={`${view.year}-${g.metric.key}`} slug={view.partnership.slug} year={view.year} months={view.months} metric={g.metric} rows={g.rows} action={canEdit ? saveTargetsAction : null} />
      ))}

      {view.otherMetrics.length ? (
        <form method="get" action={base} className="flex flex-wrap items-end gap-2 text-sm">
          <input type="hidden" name="year" value={view.year} />
          <label className="flex flex-col gap-1">
            <span className="font-medium">Show another metric</span>
            <select name="metric" className="rounded-md border border-slate-300 bg-white px-2 py-1.5 dark:border-slate-700 dark:bg-slate-900">
              {view.otherMetrics.map((m) => <option key={m.key} value={m.key}>{m.name}</option>)}
            </select>
          </label>
          <button type="submit" className={linkClass}>Show</button>
        </form>
      ) : null}
    </div>
  );
}
