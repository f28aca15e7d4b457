import type { Route } from 'next';
import type { Metadata } from 'next';
import Link from '@/components/link';
import { AddCheckpointForm } from '@/components/checkpoints/add-checkpoint-form';
import { CheckpointRow } from '@/components/checkpoints/checkpoint-row';
import { PageNoticeProvider } from '@/components/ui/page-notice';
import { AddMilestoneForm, BulkMilestoneForm, RecentlyDeleted } from '@/components/milestones/milestone-tools';
import { MilestoneRow } from '@/components/milestones/milestone-row';
import { RolloutRow } from '@/components/rollouts/rollout-row';
import { PartnershipRegions } from '@/components/regions/partnership-regions';
import { Section } from '@/components/dashboard/section';
import { metricAudience } from '@/server/access/metrics';
import { findHistories } from '@/server/audit/queries';
import { actorCan } from '@/server/auth/guard';
import { requirePageActor } from '@/server/auth/require';
import { createCheckpointAction, deleteCheckpointAction, updateCheckpointAction } from '@/server/checkpoints/actions';
import { bulkMilestoneAction, createMilestoneAction, deleteMilestoneAction, moveMilestoneAction, restoreMilestoneAction, updateMilestoneAction } from '@/server/milestones/actions';
import { rolloutGatesAction, updateRolloutAction } from '@/server/rollouts/actions';
import { findCheckpoints } from '@/server/checkpoints/queries';
import { findMilestones } from '@/server/milestones/queries';
import { findDeletedMilestones } from '@/server/milestones/structure';
import { findPartnershipName } from '@/server/partnerships/queries';
import { addPartnershipRegionAction, removePartnershipRegionAction } from '@/server/regions/actions';
import { findPartnershipRegions } from '@/server/regions/queries';
import { findRollouts } from '@/server/rollouts/queries';
import { findPendingApprovalsOf } from '@/server/approvals/queries';
import { findAssignablePeople } from '@/server/users/people';
import { forbidden, notFound } from 'next/navigation';
import { BackLink } from '@/components/back-link';

export const metadata: Metadata = { title: 'Update' };

type Props = { params: Promise<{ slug: string }> };

export default async function ManagePage({ params }: Props) {
  // Business development updates everything here; administrators keep a deal's regions only.
  const actor = await requirePageActor();
  const updates = actorCan(actor, 'milestones.update');
  const keepsRegions = actorCan(actor, 'partnerships.regions');
  if (!updates && !keepsRegions) forbidden();
  const slug = (await params).slug.slice(0, 200);
  const partnership = await findPartnershipName(slug);
  if (!partnership) notFound();
  if (!updates) {
    const regions = await findPartnershipRegions(slug);
    return (
      <div className="space-y-6">
        <div>
          <BackLink href={`/partnerships/${slug}`}>{partnership.name}</BackLink>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">Regions of {partnership.name}</h1>
          <p className="mt-1 text-sm muted">Milestones, checkpoints and rollouts are kept by business development.</p>
        </div>
        <Section title="Regions" id="bd-regions">
          <PartnershipRegions slug={slug} onDeal={regions.onDeal} available={regions.available} add={addPartnershipRegionAction} remove={removePartnershipRegionAction} />
        </Section>
      </div>
    );
  }
  const [rollouts, checkpoints, milestones, people, regions] = await Promise.all([findRollouts(slug), findCheckpoints(slug), findMilestones(slug), findAssignablePeople(slug), findPartnershipRegions(slug)]);
  const [histories, deleted] = await Promise.all([findHistories([...rollouts, ...checkpoints, ...milestones].map((x) => x.id), 20, metricAudience(actor)), findDeletedMilestones(slug)]);
  const waiting = await findPendingApprovalsOf(partnership.id); // launches asked for, waiting for a second person (issue 17)
  const checkpointChoices = checkpoints.map((c) => ({ id: c.id, label: `${c.regulator} (${c.jurisdiction})` }));
  const milestoneChoices = milestones.map((m) => ({ id: m.id, label: m.title }));
  return (
    <div className="space-y-6">
      <div>
        <BackLink href={`/partnerships/${slug}`}>{partnership.name}</BackLink>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Update {partnership.name}</h1>
        <p className="mt-1 text-sm muted">
          Choose Edit on a row to change it. Each save is checked against the version you loaded: if a colleague changed the row meanwhile, you are told who, and what you typed stays.
        </p>
        <p className="mt-1 text-sm"><Link href={`/partnerships/${slug}/targets` as Route} className="underline">Targets by region and month</Link> are planned on their own page.</p>
      </div>
      {keepsRegions ? (
        <Section title="Regions" id="bd-regions">
          <PartnershipRegions slug={slug} onDeal={regions.onDeal} available={regions.available} add={addPartnershipRegionAction} remove={removePartnershipRegionAction} />
        </Section>
      ) : null}
      <Section title="Rollout by region" id="bd-rollouts">
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {rollouts.map((r) => (
            <RolloutRow key={r.id} r={r} checkpoints={checkpointChoices} milestones={milestoneChoices}
              actions={{ update: updateRolloutAction, gates: rolloutGatesAction }} history={histories.get(r.id) ?? []}
              waiting={((a) => (a ? { requestedBy: a.requestedBy.name } : null))(waiting.find((a) => a.rollout?.id === r.id))} />
          ))}
        </ul>
      </Section>
      <Section title="Regulatory checkpoints" id="bd-checkpoints">
        <AddCheckpointForm action={createCheckpointAction} slug={slug} />
        <PageNoticeProvider>
          <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
            {checkpoints.map((c) => (
              <CheckpointRow key={c.id} c={c} gates={rollouts.filter((r) => r.checkpointIds.includes(c.id)).map((r) => r.regionName)}
                actions={{ update: updateCheckpointAction, remove: deleteCheckpointAction }} history={histories.get(c.id) ?? []} />
            ))}
          </ul>
        </PageNoticeProvider>
      </Section>
      <Section title="Milestones" id="bd-milestones">
        <div className="space-y-3">
          <AddMilestoneForm action={createMilestoneAction} slug={slug} people={people} milestones={milestones.map((m) => ({ id: m.id, title: m.title }))} />
          <BulkMilestoneForm action={bulkMilestoneAction} people={people} />
          <RecentlyDeleted action={restoreMilestoneAction} items={deleted} />
        </div>
        <ul className="mt-2 divide-y divide-slate-100 dark:divide-slate-800">
          {milestones.map((m, i) => (
            <MilestoneRow key={m.id} m={m} people={people} first={i === 0} last={i === milestones.length - 1}
              others={milestones.filter((o) => o.id !== m.id).map((o) => ({ id: o.id, title: o.title }))}
              actions={{ update: updateMilestoneAction, move: moveMilestoneAction, remove: deleteMilestoneAction }} history={histories.get(m.id) ?? []} />
          ))}
        </ul>
      </Section>
    </div>
  );
}
