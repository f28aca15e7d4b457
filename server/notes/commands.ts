import 'server-only';
import { z } from 'zod';
import { createNoteSchema, editNoteSchema, noteIdSchema } from '@/lib/schemas/notes';
import { defineCommand } from '@/server/actions/define';
import { createNote, deleteNote, editNote } from './mutations';

// The note forms on a deal's pages. The same schemas as the API (app/api/v1/**/notes, /notes/<id>).

export const createNoteCommand = defineCommand({
  permission: 'notes.write',
  partners: 'scoped', // the mutations scope partner users to shared notes on shared things (issue 17)
  schema: createNoteSchema,
  run: (actor, input) => createNote(actor, input),
  success: () => 'Note added.',
});

export const editNoteCommand = defineCommand({
  permission: 'notes.write',
  partners: 'scoped', // the mutations scope partner users to shared notes on shared things (issue 17)
  schema: z.object({ ...noteIdSchema.shape, ...editNoteSchema.shape }),
  run: (actor, { id, ...input }) => editNote(actor, id, input),
  success: () => 'Note saved.',
});

// Guarded by notes.write here; someone else's note further needs notes.moderate (server/notes/mutations.ts).
export const deleteNoteCommand = defineCommand({
  permission: 'notes.write',
  partners: 'scoped', // the mutations scope partner users to shared notes on shared things (issue 17)
  schema: noteIdSchema,
  run: (actor, { id }) => deleteNote(actor, id),
  success: () => 'Note deleted.',
});
