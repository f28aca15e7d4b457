import { z } from 'zod';
import { hasControlCharacter, reference, singleLine } from './text';

// One's own account (issue 13), shared by the profile forms and the server (conventions, habit 4).

// The limits live apart from zod, for the client forms that show them (lib/limits.ts).
import { PASSWORD_MAX, PASSWORD_MIN } from '@/lib/limits';
export { PASSWORD_MAX, PASSWORD_MIN };
const clean = (v: string) => !hasControlCharacter(v);

/** A password a person chooses: long enough, not absurdly long, no invisible control characters. */
export const newPasswordSchema = z
  .string({ error: 'Choose a new password.' })
  .min(PASSWORD_MIN, `A password has at least ${PASSWORD_MIN} characters.`)
  .max(PASSWORD_MAX, `A password has at most ${PASSWORD_MAX} characters.`)
  .refine(clean, 'A password cannot contain control characters.')
  .refine((v) => v.trim() === v, 'A password cannot start or end with a space.');

export const renameSelfSchema = z.object({ name: singleLine('Your name', 100) });

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: 'Enter your current password.' }).min(1, 'Enter your current password.').max(1024, 'That password is too long.').refine(clean, 'A password cannot contain control characters.'),
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: 'Type the new password again.' }).max(1024, 'That password is too long.').refine(clean, 'A password cannot contain control characters.'),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.newPassword) {
      ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The two new passwords differ: type the same one twice.' });
    }
    if (v.newPassword === v.currentPassword) {
      ctx.addIssue({ code: 'custom', path: ['newPassword'], message: 'Choose a password different from the current one.' });
    }
  });

export const endSessionSchema = z.object({ sessionId: reference('session') });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
