import type { Route } from 'next';
import type { Metadata } from 'next';
import Link from '@/components/link';
import { notFound } from 'next/navigation';
import { ActivationChartIsland } from '@/components/charts/activation-chart-island';
import { ChartEvents } from '@/components/charts/chart-events';
import { ActivationTable } from '@/components/dashboard/activation-table';
import { PartialPeriodsNote } from '@/components/metrics/partial-periods';
import { DealHeader } from '@/components/dashboard/deal-header';
import { KpiCards } from '@/components/dashboard/kpi-cards';
import { MilestoneTimeline } from '@/components/dashboard/milestone-timeline';
import { RangePicker } from '@/components/dashboard/range-picker';
import { RegulatoryBoard } from '@/components/dashboard/regulatory-board';
import { RolloutTable } from '@/components/dashboard/rollout-table';
import { FoldNote } from '@/components/dashboard/fold-note';
import { foldCheckpoints, foldRollouts } from '@/lib/dashboard-fold';
import { packChart } from '@/lib/chart-wire';
import { Section } from '@/components/dashboard/section';
import { RecordVisit } from '@/components/dashboard/record-visit';
import { SinceReview } from '@/components/dashboard/since-review';
import { StageHistory } from '@/components/dashboard/stage-history';
import { LatestNotes } from '@/components/notes/latest-notes';
import { findNotes } from '@/server/notes/queries';
import { findDocumentsOf } from '@/server/documents/queries';
import { DocumentList } from '@/components/documents/document-list';
import { UploadDocument } from '@/components/documents/upload-document';
import { EmptyState } from '@/components/ui/empty-state';
import { addDays } from '@/lib/dates';
import { formatDay } from '@/lib/format';
import { readDashboardParams } from '@/lib/schemas/dashboard';
import { actorCan } from '@/server/auth/guard';
import { requirePagePermission } from '@/server/auth/require';
import { PendingApprovals } from '@/components/approvals/pending-panel';
import { findPendingApprovalsOf } from '@/server/approvals/queries';
import { metricAudience } from '@/server/access/metrics';
import { findDashboard } from '@/server/dashboard/queries';
import { DEFAULT_LOOKBACK_DAYS, findChangesSince, findDashboardReader } from '@/server/dashboard/review';
import { PartnerDealPage } from '@/components/partner-workspace/partner-deal-page';
import { isPartner } from '@/server/access/scope';

type Props = { params: Promise<{ slug: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug } = await params;
  // The title is the address's slug, decoded; an undecodable one is shown as it came.
  try {
    return { title: decodeURIComponent(slug).slice(0, 200) };
  } catch {
    return { title: slug.slice(0, 200) };
  }
}

export default async function PartnershipDashboardPage({ params, searchParams }: Props) {
  const actor = await requirePagePermission('partnerships.read', { partners: 'scoped' });
  const { slug } = await params;
  if (isPartner(actor)) return <PartnerDealPage actor={actor} slug={slug.slice(0, 200)} />;
  const query = Object.fromEntries(Object.entries(await searchParams).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''));
  const { params: view, problems, typed } = readDashboardParams(query);
  const d = await findDashboard(slug.slice(0, 200), view, undefined, metricAudience(actor));
  if (!d) notFound();

  // Read only: the visit is recorded by <RecordVisit> after the page has loaded (issue 14, goal 3).
  // The reader's review baseline and whether they watch the deal: one read (findDashboardReader).
  const { baseline: previous, watching } = actor.userId ? await findDashboardReader(actor.userId, d.id) : { baseline: null, watching: false };
  const [since, source] = view.since
    ? [new Date(`${view.since}T00:00:00Z`), 'chosen' as const]
    : previous
      ? [previous, 'previous-visit' as const]
      : [new Date(`${addDays(d.today, -DEFAULT_LOOKBACK_DAYS)}T00:00:00Z`), 'default' as const];
  const [review, notes, documents] = await Promise.all([
    findChangesSince(d.id, since, source, d.kpis.asOf, d.today, d.hiddenFields), findNotes('partnership', d.id), findDocumentsOf(d.id),
  ]);

  // Long sections send what needs someone and the last few settled items; the rest when asked (lib/dashboard-fold.ts).
  const rollouts = foldRollouts(d.rollouts, view.rollouts === 'all');
  const checkpoints = foldCheckpoints(d.checkpoints, view.checkpoints === 'all');
  // The chart's numbers travel packed (lib/chart-wire.ts): one string, not a keyed number per region and period.
  const packed = d.chart.range ? packChart(d.chart) : null;
  const showAll = (parameter: 'milestones' | 'rollouts' | 'checkpoints', hash: string) => ({ pathname: `/partnerships/${d.slug}`, query: { ...query, [parameter]: 'all' }, hash });

  return (
    <div className="space-y-6">
      <DealHeader id={d.id} slug={d.slug} name={d.name} stage={d.stage} stageStatus={d.stageStatus} summary={d.summary} owner={d.owner}
        isDemoData={d.isDemoData} parties={d.parties} health={d.health} summaryHidden={d.hiddenFields.includes('summary')} watching={watching}
        can={{
          manage: actorCan(actor, 'milestones.update'), regions: actorCan(actor, 'partnerships.regions'), edit: actorCan(actor, 'partnerships.update'),
          metrics: actorCan(actor, 'metrics.read'), watch: actorCan(actor, 'inbox.update'),
        }} />
      {problems.some((p) => p.parameter === 'since') ? (
        <p role="alert" className="text-sm text-rose-700 dark:text-rose-300">
          {problems.filter((p) => p.parameter === 'since').map((p) => p.message).join(' ')} The review shows changes since your last visit instead.
        </p>
      ) : null}

      <KpiCards kpis={d.kpis} />

      {/* Four eyes (issue 17): this deal's moves waiting for a second person. */}
      {actorCan(actor, 'approvals.read') ? <PendingApprovals items={await findPendingApprovalsOf(d.id)} viewerId={actor.userId} /> : null}

      <Section title="Since your last review" id="since-review">
        {actor.userId ? <RecordVisit partnershipId={d.id} /> : null}
        <SinceReview review={review} slug={d.slug} />
      </Section>

      <Section
        title="Card activation"
        id="activation"
        aside={d.chart.range ? <RangePicker slug={d.slug} range={d.chart.range} problems={problems} typed={typed} /> : null}
      >
        {d.chart.range && packed ? (
          <>
            <p className="mb-3 text-xs muted">
              {`Cards added per ${d.chart.granularity} by region, ${formatDay(d.chart.range.from)} to ${formatDay(d.chart.range.to)} (each region's local calendar days${
                d.chart.granularity === 'week' ? '; ISO weeks from Monday' : ''}).${d.isDemoData ? ' Demo data: only the first three US days are reported facts.' : ''}`}
            </p>
            <div className="mb-3">
              <PartialPeriodsNote partial={d.chart.partial} granularity={d.chart.granularity} whole={d.chart.wholePeriods}
                wholeHref={d.chart.wholePeriods ? (`/partnerships/${d.slug}?from=${d.chart.wholePeriods.from}&to=${d.chart.wholePeriods.to}` as Route) : null} />
            </div>
            <ActivationChartIsland chart={packed} />
            <ChartEvents chart={packed} />
            <ActivationTable chart={packed} />
          </>
        ) : !d.kpis.activationShown ? (
          <EmptyState title="Card activation is confidential">Cards added for this partnership are not shown to your role.</EmptyState>
        ) : (
          <EmptyState title="No activation data yet">
            Figures appear here once the first region goes live and analysts import its daily numbers.
          </EmptyState>
        )}
      </Section>

      <Section title="Rollout by region" id="rollout">
        {rollouts.folded ? (
          <FoldNote folded={rollouts.folded} total={d.rollouts.length} what="earlier launched regions with nothing open" noun="regions" href={showAll('rollouts', 'rollout')} testId="rollouts-folded" />
        ) : null}
        <RolloutTable rows={rollouts.shown} slug={d.slug} />
      </Section>

      <Section title="Regulatory board" id="regulatory">
        {checkpoints.folded ? (
          <FoldNote folded={checkpoints.folded} total={d.checkpoints.length} what="earlier approvals with nothing open" noun="checkpoints" href={showAll('checkpoints', 'regulatory')} testId="checkpoints-folded" />
        ) : null}
        <RegulatoryBoard checkpoints={checkpoints.shown} decidedFolded={checkpoints.folded} slug={d.slug} />
      </Section>

      <Section title="Milestones" id="milestones">
        <MilestoneTimeline milestones={d.milestones} slug={d.slug}
          showAllHref={view.milestones === 'all' ? undefined : showAll('milestones', 'milestones')} />
      </Section>

      <Section title="Notes on the deal" id="notes"
        aside={<Link href={`/partnerships/${d.slug}/activity` as Route} className="text-sm font-medium text-brand-700 underline underline-offset-2 dark:text-brand-300">All notes and activity</Link>}>
        <LatestNotes notes={notes} total={notes.length} actor={actor} partnershipId={d.id} slug={d.slug} />
      </Section>

      <Section title="Documents" id="documents">
        <div className="space-y-3">
          <DocumentList documents={documents} today={d.today} emptyText="No documents yet: the term sheet, the contract and other papers of the deal belong here. Evidence for a regulator is kept on its checkpoint." />
          {actorCan(actor, 'documents.upload') ? (
            <UploadDocument endpoint={`/api/v1/partnerships/${d.slug}/documents`} evidence={false}
              current={documents.filter((x) => !x.superseded).map((x) => ({ id: x.id, fileName: x.fileName }))} />
          ) : null}
        </div>
      </Section>

      <Section title="Stage history" id="stage-history">
        <StageHistory rows={d.stageHistory} isDemoData={d.isDemoData} />
      </Section>
    </div>
  );
}
