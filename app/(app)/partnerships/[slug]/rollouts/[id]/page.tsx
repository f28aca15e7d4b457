import type { Metadata, Route } from 'next';
import Link from '@/components/link';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Section } from '@/components/dashboard/section';
import { NoteThread } from '@/components/notes/note-thread';
import { DetailHeader } from '@/components/partnerships/detail-header';
import { WatchButton } from '@/components/inbox/watch-button';
import { isWatching } from '@/server/watches/queries';
import { Badge } from '@/components/ui/badge';
import { ROLLOUT_STATUS_LABELS } from '@/lib/domain';
import { formatDay } from '@/lib/format';
import { requirePagePermission } from '@/server/auth/require';
import { findNotes } from '@/server/notes/queries';
import { findRollout } from '@/server/rollouts/queries';

type Props = { params: Promise<{ slug: string; id: string }> };

// One query for the title and the page (React's cache lasts one request).
const find = cache((slug: string, id: string) => findRollout(slug.slice(0, 200), id.slice(0, 64)));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const r = await find(slug, id);
  return { title: r ? `${r.regionName} rollout` : 'Rollout' };
}

const day = (d: string | null, none = 'Not set') => (d ? formatDay(d) : none);

export default async function RolloutPage({ params }: Props) {
  const actor = await requirePagePermission('partnerships.read');
  const { slug, id } = await params;
  const r = await find(slug, id);
  if (!r) notFound();
  const notes = await findNotes('rollout', r.id);
  const base = `/partnerships/${r.partnership.slug}`;
  const gate = (b: { kind: 'checkpoint' | 'milestone'; id: string; name: string; reason: string }) => (
    <li key={b.id}>
      <Link href={`${base}/${b.kind === 'checkpoint' ? 'checkpoints' : 'milestones'}/${b.id}` as Route} className="font-medium underline underline-offset-2"><bdi>{b.name}</bdi></Link>: {b.reason}
    </li>
  );
  return (
    <div className="space-y-6">
      <DetailHeader actions={<WatchButton subjectType="rollout" subjectId={r.id} watching={await isWatching(actor.userId, 'rollout', r.id)} />} partnership={r.partnership} section={{ label: 'Rollout by region', anchor: 'rollout' }} title={`${r.regionName} rollout`}
        badges={<>
          <Badge tone={r.status === 'LIVE' ? 'success' : r.status === 'PAUSED' || r.status === 'WITHDRAWN' ? 'warning' : 'neutral'}>{ROLLOUT_STATUS_LABELS[r.status]}</Badge>
          {r.readiness.state === 'blocked' ? <Badge tone="danger">Launch blocked</Badge> : r.readiness.state === 'ready' ? <Badge tone="success">Ready to launch</Badge> : null}
          {r.flaggedReason ? <Badge tone="danger">Flagged</Badge> : null}
        </>}
        facts={[
          { label: 'Planned pilot', value: day(r.plannedPilotOn) },
          { label: 'Planned launch', value: day(r.plannedLaunchOn) },
          { label: 'Pilot started', value: day(r.actualPilotOn, 'Not yet') },
          { label: 'Launched', value: day(r.actualLaunchOn, 'Not yet') },
          ...(r.flaggedReason ? [{ label: 'Flag', value: <bdi>{r.flaggedReason}</bdi> }] : []),
          ...(r.notes ? [{ label: 'Remarks', value: <span className="whitespace-pre-line"><bdi>{r.notes}</bdi></span> }] : []),
        ]} />
      <Section title="What the launch waits for" id="gates">
        {r.gates.length ? (
          <ul className="list-disc space-y-1 pl-5 text-sm">{r.gates.map(gate)}</ul>
        ) : (
          <p className="text-sm muted">
            {r.checkpointIds.length + r.milestoneIds.length ? 'Every checkpoint and milestone this launch waits for is cleared.' : 'This launch waits for no checkpoint or milestone.'}
          </p>
        )}
      </Section>
      <Section title="Notes" id="notes">
        <NoteThread notes={notes} actor={actor} subjectType="rollout" subjectId={r.id} offerSharing emptyText="No notes on this region’s rollout yet." />
      </Section>
    </div>
  );
}
