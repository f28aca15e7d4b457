import { z } from 'zod';
import { NOTE_MAX_CHARACTERS } from '@/lib/limits';
import { multiLine, reference } from './text';

/** What a note may be written on (issue 15), in the API's and the forms' words. */
export const NOTE_SUBJECTS = ['partnership', 'milestone', 'checkpoint', 'rollout'] as const;
export type NoteSubjectKind = (typeof NOTE_SUBJECTS)[number];

// The limit lives apart from zod, for the client composer that counts it (lib/limits.ts).
export { NOTE_MAX_CHARACTERS };

export const noteBody = multiLine('A note', NOTE_MAX_CHARACTERS).pipe(z.string().min(1, 'Write the note first: it is empty.'));

/** Shown to the deal's partner users (issue 17): a partner's own notes always are. */
const sharedWithPartners = z.boolean({ error: 'sharedWithPartners is true or false.' }).optional();

/** POST …/notes: `{ "body", "sharedWithPartners"? }` (the subject comes from the address). */
export const writeNoteSchema = z.object({ body: noteBody, sharedWithPartners });

/** The note form: the subject travels in hidden fields. */
export const createNoteSchema = z.object({
  subjectType: z.enum(NOTE_SUBJECTS, { error: 'Notes are written on a partnership, a milestone, a checkpoint or a rollout.' }),
  subjectId: reference('subject', 200),
  body: noteBody,
  // The form's checkbox sends "on" when ticked and nothing when not.
  sharedWithPartners: z.preprocess((v) => (v === 'on' ? true : v === undefined || v === '' ? undefined : v), sharedWithPartners),
});

/** PATCH /api/v1/notes/<id> and the edit form. `version` (optional in the API) refuses a stale edit with 409. */
export const editNoteSchema = z.object({
  body: noteBody,
  version: z.coerce.number({ error: 'Send the version you edited (an integer).' }).int().min(1).optional(),
});

export const noteIdSchema = z.object({ id: reference('note') });

export type CreateNoteInput = z.infer<typeof createNoteSchema>;
export type EditNoteInput = z.infer<typeof editNoteSchema>;
