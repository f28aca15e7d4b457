import { notFound } from 'next/navigation';
import type { Actor } from '@/server/auth/actor';
import { actorCan } from '@/server/auth/guard';
import { updateMilestoneAction } from '@/server/milestones/actions';
import { findPartnerCheckpoints, findPartnerDeal, findPartnerMilestones, findPartnerRollouts } from '@/server/partner-workspace/queries';
import { PartnerDealView } from './partner-deal';
import { NoteThread } from '@/components/notes/note-thread';
import { findNotesFor } from '@/server/notes/queries';

/** The dashboard route for a partner user: their scoped view, or a 404 for any other deal. */
export async function PartnerDealPage({ actor, slug }: { actor: Actor; slug: string }) {
  const deal = await findPartnerDeal(actor, slug);
  if (!deal) notFound();
  const [milestones, checkpoints, rollouts, notes] = await Promise.all([
    findPartnerMilestones(actor, deal.id), findPartnerCheckpoints(actor, deal.id), findPartnerRollouts(actor, deal.id),
    findNotesFor(actor, 'partnership', deal.id),
  ]);
  // Notes on each shared milestone and checkpoint (kept per content version, so one read each at most).
  const subjects = [...milestones.map((m) => ['milestone', m.id] as const), ...checkpoints.map((c) => ['checkpoint', c.id] as const)];
  const onEach = await Promise.all(subjects.map(([kind, id]) => findNotesFor(actor, kind, id)));
  const threads = Object.fromEntries(subjects.map(([kind, id], i) => [id, {
    count: onEach[i]!.length,
    thread: <NoteThread notes={onEach[i]!} actor={actor} subjectType={kind} subjectId={id}
      emptyText={`No shared notes on this ${kind} yet. What you write here is read by both companies.`} />,
  }]));
  return (
    <PartnerDealView deal={deal} milestones={milestones} checkpoints={checkpoints} rollouts={rollouts} threads={threads}
      canExploreMetrics={actorCan(actor, 'metrics.read', { partners: 'scoped' })} updateAction={updateMilestoneAction}
      discussion={
        <NoteThread notes={notes} actor={actor} subjectType="partnership" subjectId={deal.id}
          emptyText="No shared notes on the deal yet. What you write here is read by both companies." />
      } />
  );
}
