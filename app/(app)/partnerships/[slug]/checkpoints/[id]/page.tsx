import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { cache } from 'react';
import { RISK_TONE, STATUS_TONE } from '@/components/dashboard/checkpoint-tones';
import { Section } from '@/components/dashboard/section';
import { NoteThread } from '@/components/notes/note-thread';
import { DetailHeader } from '@/components/partnerships/detail-header';
import { WatchButton } from '@/components/inbox/watch-button';
import { isWatching } from '@/server/watches/queries';
import { Badge } from '@/components/ui/badge';
import { CHECKPOINT_STATUS_LABELS, RISK_LABELS } from '@/lib/domain';
import { formatDay } from '@/lib/format';
import { requirePagePermission } from '@/server/auth/require';
import { findCheckpoint } from '@/server/checkpoints/queries';
import { findNotes } from '@/server/notes/queries';
import { findCheckpointDocuments } from '@/server/documents/queries';
import { actorCan } from '@/server/auth/guard';
import { todayIn } from '@/lib/dates';
import { DocumentList } from '@/components/documents/document-list';
import { UploadDocument } from '@/components/documents/upload-document';

type Props = { params: Promise<{ slug: string; id: string }> };

// One query for the title and the page (React's cache lasts one request).
const find = cache((slug: string, id: string) => findCheckpoint(slug.slice(0, 200), id.slice(0, 64)));

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { slug, id } = await params;
  const c = await find(slug, id);
  return { title: c ? `${c.regulator} · Regulatory checkpoint` : 'Regulatory checkpoint' };
}

const day = (d: string | null, none = 'Not set') => (d ? formatDay(d) : none);

export default async function CheckpointPage({ params }: Props) {
  const actor = await requirePagePermission('partnerships.read');
  const { slug, id } = await params;
  const c = await find(slug, id);
  if (!c) notFound();
  const [notes, documents] = await Promise.all([findNotes('checkpoint', c.id), findCheckpointDocuments(c.id)]);
  const current = documents.filter((d) => !d.superseded);
  return (
    <div className="space-y-6">
      <DetailHeader actions={<WatchButton subjectType="checkpoint" subjectId={c.id} watching={await isWatching(actor.userId, 'checkpoint', c.id)} />} partnership={c.partnership} section={{ label: 'Regulatory board', anchor: 'regulatory' }} title={`${c.regulator}: ${c.requirement}`}
        badges={<>
          <Badge tone={STATUS_TONE[c.status] ?? 'neutral'}>{CHECKPOINT_STATUS_LABELS[c.status]}</Badge>
          <Badge tone={RISK_TONE[c.risk]}>{RISK_LABELS[c.risk]} risk</Badge>
          {c.evidence === 'expiring' ? <Badge tone="warning">Evidence expiring</Badge> : null}
          {c.evidence === 'expired' ? <Badge tone="danger">Evidence expired</Badge> : null}
        </>}
        facts={[
          { label: 'Jurisdiction', value: c.jurisdiction },
          { label: 'Filed', value: day(c.filedOn, 'Not yet') },
          { label: 'Decision due', value: day(c.decisionDueOn) },
          { label: 'Decided', value: day(c.decidedOn, 'Not yet') },
          { label: 'Evidence expires', value: day(c.evidenceExpiresOn) },
          ...(c.conditions ? [{ label: 'Conditions', value: <span className="whitespace-pre-line"><bdi>{c.conditions}</bdi></span> }] : []),
          ...(c.notes ? [{ label: 'Remarks', value: <span className="whitespace-pre-line"><bdi>{c.notes}</bdi></span> }] : []),
        ]} />
      <Section title="Evidence documents" id="evidence">
        <div className="space-y-3">
          <p className="text-xs muted">
            The earliest expiry among the current documents is the checkpoint’s evidence expiry: it drives the expiring and expired flags and the launches this checkpoint gates.
          </p>
          <DocumentList documents={documents} today={todayIn('UTC')} emptyText="No evidence filed yet: upload the licence, approval letter or filing receipt." />
          {actorCan(actor, 'documents.upload') ? (
            <UploadDocument endpoint={`/api/v1/checkpoints/${c.id}/documents`} evidence current={current.map((d) => ({ id: d.id, fileName: d.fileName }))} />
          ) : null}
        </div>
      </Section>
      <Section title="Notes" id="notes">
        <NoteThread notes={notes} actor={actor} subjectType="checkpoint" subjectId={c.id} offerSharing={c.sharedWithPartners} emptyText="No notes on this checkpoint yet." />
      </Section>
    </div>
  );
}
