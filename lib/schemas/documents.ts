import { z } from 'zod';
import { MAX_FILE_NAME_CHARACTERS } from '@/lib/documents';
import { isoDay, reference } from './text';

// C0 and C1 controls, DEL, and the invisible direction and zero-width marks that can disguise a
// name ("invoice\u202Efdp.exe" shows as "invoiceexe.pdf").
const UNSAFE_IN_NAME = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * The name an uploaded file is shown (and downloaded) under. Only the last part of a path is kept
 * (browsers on Windows once sent "C:\\Users\\…\\licence.pdf"); control and direction characters
 * are removed. A name over the limit is refused with a message, never cut silently
 * (tests/unit/no-silent-cut.test.ts). The type is never taken from the name.
 */
export const documentFileNameSchema = z
  .string({ error: 'The file needs a name.' })
  // A browser sends a name's `"` as %22 (HTML Standard, multipart/form-data encoding): put it back.
  .transform((raw) => raw.replaceAll('%22', '"').normalize('NFC').split(/[\\/]/).at(-1)!.replace(UNSAFE_IN_NAME, '').trim())
  .pipe(
    z
      .string()
      .min(1, 'The file needs a name (it was empty once folders and control characters were removed).')
      .max(MAX_FILE_NAME_CHARACTERS, `The file name is longer than ${MAX_FILE_NAME_CHARACTERS} characters; rename the file and upload it again.`)
      .refine((name) => name !== '.' && name !== '..', 'The file needs a name.'),
  );

const ID = /^[A-Za-z0-9_-]+$/;

/** A document, checkpoint or other record id from a URL or a form: short, plain characters. */
export function recordId(label: string) {
  return reference(label).refine((v) => ID.test(v), `That ${label} id is not valid.`);
}

/** The form fields that may come with the file (multipart, beside the `file` part). */
export const documentUploadFieldsSchema = z
  .object({
    expiresOn: isoDay.optional(),
    supersedes: recordId('document').optional(),
  })
  .strict();

export type DocumentUploadFields = z.infer<typeof documentUploadFieldsSchema>;
