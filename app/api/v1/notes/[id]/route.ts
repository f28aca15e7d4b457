import { editNoteSchema } from '@/lib/schemas/notes';
import { apiRoute, readJson } from '@/server/api/handler';
import { NotFoundError } from '@/server/errors';
import { deleteNote, editNote } from '@/server/notes/mutations';
import { findNote } from '@/server/notes/queries';
import { otherMethods } from '@/server/api/not-allowed';

// Partner users: shared notes on what is shared with them, their own to edit or delete (issue 17).
export const GET = apiRoute<{ id: string }>('partnerships.read', async ({ actor, params }) => {
  const note = await findNote(params.id.slice(0, 64), actor);
  if (!note) throw new NotFoundError('No note with that id (it may have been deleted).');
  return note;
}, { partners: 'scoped' });

// { "body", "version"? }: its author only; a stale version is a 409 with the current note.
export const PATCH = apiRoute<{ id: string }>('notes.write', async ({ request, actor, params }) => {
  const input = await readJson(request, editNoteSchema, 100_000);
  return editNote(actor, params.id.slice(0, 64), input);
}, { partners: 'scoped' });

// Its author, or an administrator (notes.moderate, checked inside): 200 { id, deleted: true }.
export const DELETE = apiRoute<{ id: string }>('notes.write', async ({ actor, params }) => {
  const { id } = await deleteNote(actor, params.id.slice(0, 64));
  return { id, deleted: true };
}, { partners: 'scoped' });

export const { POST, PUT, OPTIONS } = otherMethods(['GET', 'PATCH', 'DELETE']);
