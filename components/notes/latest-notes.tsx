import type { Route } from 'next';
import Link from '@/components/link';
import type { Actor } from '@/server/auth/actor';
import type { NoteDto } from '@/server/notes/queries';
import { NoteThread } from './note-thread';

export const DASHBOARD_NOTES = 3;

/** The dashboard's last few notes on the deal and a field to add one; the rest are one link away. */
export function LatestNotes({ notes, total, actor, partnershipId, slug }: { notes: readonly NoteDto[]; total: number; actor: Actor; partnershipId: string; slug: string }) {
  const shown = notes.slice(-DASHBOARD_NOTES);
  return (
    <div className="space-y-2">
      {total > shown.length ? (
        <p className="text-xs muted">
          The last {shown.length} of {total} notes. <Link href={`/partnerships/${slug}/activity#notes` as Route} className="font-medium underline underline-offset-2">Read them all</Link>
        </p>
      ) : null}
      <NoteThread notes={shown} actor={actor} subjectType="partnership" subjectId={partnershipId} offerSharing
        emptyText="No notes on the deal yet. Record what was agreed, or @mention whoever should know." />
    </div>
  );
}
