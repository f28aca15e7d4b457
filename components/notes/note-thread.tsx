import type { Actor } from '@/server/auth/actor';
import { actorCan } from '@/server/auth/guard';
import { isPartner } from '@/server/access/scope';
import type { NoteDto } from '@/server/notes/queries';
import type { NoteSubjectKind } from '@/lib/schemas/notes';
import { formatInstant } from '@/lib/format-time';
import { NoteActions } from './note-actions';
import { NoteBody } from './note-body';
import { NoteComposer } from './note-composer';

/** One note: who, when, whether edited, the text; Edit/Delete for those who may. */
/** `anchored`: the note's #note-<id> anchor; off where the same note shows twice on a page (the feed). */
export function NoteItem({ note, actor, anchored = true }: { note: NoteDto; actor: Actor; anchored?: boolean }) {
  const own = !!actor.userId && note.authorId === actor.userId;
  // The server scopes partner users' notes (server/notes/mutations.ts); this only shows the buttons.
  const canEdit = own && actorCan(actor, 'notes.write', { partners: 'scoped' });
  return (
    <li id={anchored ? `note-${note.id}` : undefined} className="scroll-mt-20 rounded-lg border border-slate-200 px-3 py-2 dark:border-slate-800" data-testid="note" data-note-id={note.id}>
      {/* The source text travels to the browser only for its author, who may edit it. */}
      <NoteActions id={note.id} version={note.version} body={canEdit ? note.body : ''}
        canEdit={canEdit} canDelete={canEdit || actorCan(actor, 'notes.moderate')}>
        <p className="mb-1 text-xs muted">
          <span className="font-semibold text-slate-800 dark:text-slate-200"><bdi>{note.author}</bdi></span>
          {' · '}<time dateTime={note.createdAt}>{formatInstant(note.createdAt)}</time>
          {note.editedAt ? <> · <span title={`Edited ${formatInstant(note.editedAt)}`}>edited</span></> : null}
          {note.sharedWithPartners && !isPartner(actor) ? <> · <span className="font-medium text-brand-700 dark:text-brand-300">shared with partners</span></> : null}
        </p>
        <NoteBody body={note.body} mentions={note.mentions} />
      </NoteActions>
    </li>
  );
}

/** A thing's notes, oldest first, and a field to add one (for those who may write). */
export function NoteThread({ notes, actor, subjectType, subjectId, emptyText, offerSharing = false }: {
  notes: readonly NoteDto[]; actor: Actor; subjectType: NoteSubjectKind; subjectId: string; emptyText: string;
  /** The thing is shared with the deal's partner users: the company's people may share a note too (issue 17). */
  offerSharing?: boolean;
}) {
  return (
    <div className="space-y-3">
      {notes.length ? (
        <ol className="space-y-2" aria-label="Notes">
          {notes.map((n) => <NoteItem key={n.id} note={n} actor={actor} />)}
        </ol>
      ) : (
        <p className="text-sm muted">{emptyText}</p>
      )}
      {actorCan(actor, 'notes.write', { partners: 'scoped' }) ? (
        <NoteComposer subjectType={subjectType} subjectId={subjectId} offerSharing={offerSharing && !isPartner(actor)} />
      ) : null}
    </div>
  );
}
