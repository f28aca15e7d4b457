import type { Route } from 'next';
import type { Metadata } from 'next';
import Link from 'next/link';
import { AddMilestoneForm, BulkMilestoneForm, DeleteMilestoneButton, MoveButtons, RecentlyDeleted } from '@/components/bd/milestone-tools';
import { AddCheckpointForm, GatesForm } from '@/components/bd/structure-forms';
import { CheckpointForm, MilestoneForm, RolloutForm } from '@/components/bd/update-forms';
import { History } from '@/components/bd/history';
import { PartnershipRegions } from '@/components/regions/partnership-regions';
import { Section } from '@/components/dashboard/section';
import { CHECKPOINT_STATUS_LABELS, ROLLOUT_STATUS_LABELS } from '@/lib/domain';
import { findHistories } from '@/server/audit/queries';
import { actorCan } from '@/server/auth/guard';
import { requirePageActor } from '@/server/auth/require';
import { bulkMilestoneAction, createCheckpointAction, createMilestoneAction, rolloutGatesAction, deleteMilestoneAction, moveMilestoneAction, restoreMilestoneAction, updateCheckpointAction, updateMilestoneAction, updateRolloutAction } from '@/server/bd/actions';
import { findCheckpoints } from '@/server/checkpoints/queries';
import { findMilestones } from '@/server/milestones/queries';
import { findDeletedMilestones } from '@/server/milestones/structure';
import { findPartnershipName } from '@/server/partnerships/queries';
import { addPartnershipRegionAction, removePartnershipRegionAction } from '@/server/regions/actions';
import { findPartnershipRegions } from '@/server/regions/queries';
import { findRollouts } from '@/server/rollouts/queries';
import { findAssignablePeople } from '@/server/users/people';
import { forbidden, notFound } from 'next/navigation';

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
          <Link href={`/partnerships/${slug}`} className="text-sm underline">← {partnership.name}</Link>
          <h1 className="mt-1 text-2xl font-semibold tracking-tight">Regions of {partnership.name}</h1>
          <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">Milestones, checkpoints and rollouts are kept by business development.</p>
        </div>
        <Section title="Regions" id="bd-regions">
          <PartnershipRegions slug={slug} onDeal={regions.onDeal} available={regions.available} add={addPartnershipRegionAction} remove={removePartnershipRegionAction} />
        </Section>
      </div>
    );
  }
  const [rollouts, checkpoints, milestones, people, regions] = await Promise.all([findRollouts(slug), findCheckpoints(slug), findMilestones(slug), findAssignablePeople(), findPartnershipRegions(slug)]);
  const [histories, deleted] = await Promise.all([findHistories([...rollouts, ...checkpoints, ...milestones].map((x) => x.id)), findDeletedMilestones(slug)]);
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/partnerships/${slug}`} className="text-sm underline">← {partnership.name}</Link>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">Update {partnership.name}</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          Each save is checked against the version you loaded: if a colleague changed the row meanwhile, you are told who, and what you typed stays.
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
            <li key={r.id} className="py-3" data-rollout={r.region}>
              <div className="mb-2 text-sm"><span className="font-medium">{r.regionName}</span> · {ROLLOUT_STATUS_LABELS[r.status]}
                {r.readiness.blockers.length && r.status !== 'LIVE' ? <span className="text-xs text-slate-600 dark:text-slate-400"> · gated by {r.readiness.blockers.map((b) => b.name).join(', ')}</span> : null}
                {r.flaggedReason ? <span className="block text-xs text-rose-700 dark:text-rose-300">{r.flaggedReason}</span> : null}
              </div>
              <RolloutForm action={updateRolloutAction} r={r} />
              <GatesForm action={rolloutGatesAction} r={r}
                checkpoints={checkpoints.map((c) => ({ id: c.id, name: `${c.regulator} (${c.jurisdiction})` }))}
                milestones={milestones.map((m) => ({ id: m.id, name: m.title }))} />
              <History entries={histories.get(r.id) ?? []} entityType="Rollout" label={`${r.regionName} rollout`} />
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Regulatory checkpoints" id="bd-checkpoints">
        <AddCheckpointForm action={createCheckpointAction} slug={slug} />
        <ul className="divide-y divide-slate-100 dark:divide-slate-800">
          {checkpoints.map((c) => (
            <li key={c.id} className="py-3" data-checkpoint={c.regulator}>
              <div className="mb-2 text-sm"><span className="font-medium">{c.regulator}</span> ({c.jurisdiction}) · {CHECKPOINT_STATUS_LABELS[c.status]} · <span className="text-slate-600 dark:text-slate-400">{c.requirement}</span></div>
              <CheckpointForm action={updateCheckpointAction} c={c} />
              <History entries={histories.get(c.id) ?? []} entityType="RegulatoryCheckpoint" label={c.regulator} />
            </li>
          ))}
        </ul>
      </Section>
      <Section title="Milestones" id="bd-milestones">
        <div className="space-y-3">
          <AddMilestoneForm action={createMilestoneAction} slug={slug} people={people} milestones={milestones.map((m) => ({ id: m.id, title: m.title }))} />
          <BulkMilestoneForm action={bulkMilestoneAction} people={people} />
          <RecentlyDeleted action={restoreMilestoneAction} items={deleted} />
        </div>
        <ul className="mt-3 divide-y divide-slate-100 dark:divide-slate-800">
          {milestones.map((m, i) => (
            <li key={m.id} className="py-3" data-milestone={m.title}>
              <div className="mb-2 flex flex-wrap items-center gap-3 text-sm">
                <label className="flex items-center gap-2">
                  <input type="checkbox" name="selected" value={`${m.id}:${m.version}`} form="bulk-milestones" className="size-4" aria-label={`Select ${m.title}`} />
                  <span className="font-medium">{m.title}</span>
                </label>
                <MoveButtons action={moveMilestoneAction} id={m.id} version={m.version} title={m.title} first={i === 0} last={i === milestones.length - 1} />
                <DeleteMilestoneButton action={deleteMilestoneAction} id={m.id} version={m.version} title={m.title} />
              </div>
              <MilestoneForm action={updateMilestoneAction} m={m} people={people} others={milestones.filter((o) => o.id !== m.id).map((o) => ({ id: o.id, title: o.title }))} />
              <History entries={histories.get(m.id) ?? []} entityType="Milestone" label={m.title} />
            </li>
          ))}
        </ul>
      </Section>
    </div>
  );
}
