import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { Section } from '@/components/dashboard/section';
import { NoteThread } from '@/components/notes/note-thread';
import { DetailHeader } from '@/components/partnerships/detail-header';
import { WatchButton } from '@/components/inbox/watch-button';
import { isWatching } from '@/server/watches/queries';
import { Badge } from '@/components/ui/badge';
import { MILESTONE_STATUS_LABELS } from '@/lib/domain';
import { formatDay } from '@/lib/format';
import { requirePagePermission } from '@/server/auth/require';
import { findMilestone } from '@/server/milestones/queries';
import { findNotes } from '@/server/notes/queries';

type Props = { params: Promise<{ slug: string; id: string }> };

// One query for the title and the page (React's cache lasts one request).
const find = cache((slug: string, id: string) => findMilestone(slug.slice(0, 200), id.slice(0, 64)));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const m = await find(slug, id);
  return { title: m ? `${m.title} · Milestone` : 'Milestone' };
}

export default async function MilestonePage({ params }: Props) {
  const actor = await requirePagePermission('partnerships.read');
  const { slug, id } = await params;
  const m = await find(slug, id);
  if (!m) notFound();
  const notes = await findNotes('milestone', m.id);
  const tone = m.status === 'DONE' ? 'success' : m.status === 'BLOCKED' ? 'danger' : m.status === 'IN_PROGRESS' ? 'info' : 'neutral';
  return (
    <div className="space-y-6">
      <DetailHeader actions={<WatchButton subjectType="milestone" subjectId={m.id} watching={await isWatching(actor.userId, 'milestone', m.id)} />} partnership={m.partnership} section={{ label: 'Milestones', anchor: 'milestones' }} title={m.title}
        badges={<Badge tone={tone}>{MILESTONE_STATUS_LABELS[m.status]}</Badge>}
        facts={[
          { label: 'Due', value: m.dueOn ? formatDay(m.dueOn) : 'No due date' },
          { label: 'Owner', value: m.owner ? <bdi>{m.owner}</bdi> : 'Nobody yet' },
          ...(m.completedAt ? [{ label: 'Completed', value: formatDay(m.completedAt.slice(0, 10)) }] : []),
          ...(m.status === 'BLOCKED' ? [{ label: 'Blocked because', value: <bdi>{m.blockedReason ?? 'No reason given'}</bdi> }] : []),
          ...(m.dependsOn.length ? [{ label: 'Waits for', value: <bdi>{m.dependsOn.join(', ')}</bdi> }] : []),
          ...(m.description ? [{ label: 'Description', value: <span className="whitespace-pre-line"><bdi>{m.description}</bdi></span> }] : []),
        ]} />
      <Section title="Notes" id="notes">
        <NoteThread notes={notes} actor={actor} subjectType="milestone" subjectId={m.id} offerSharing={m.sharedWithPartners} emptyText="No notes on this milestone yet. Ask a question, record what was agreed, or @mention whoever should know." />
      </Section>
    </div>
  );
}
