import { z } from 'zod';
import { hasControlCharacter, reference, singleLine } from './text';
import { newPasswordSchema, PASSWORD_MAX, PASSWORD_MIN } from './profile';
import { emailSchema } from './users';

// Partner users come in by invitation (issue 17): shared by the forms, the API and the server
// (conventions, habit 4).

export const INVITATION_DAYS = 7;

export const inviteSchema = z.object({
  email: emailSchema,
  name: singleLine('The name', 100),
  organizationId: reference('organization'),
});

export const invitationIdSchema = z.object({ invitationId: reference('invitation') });

/** The account of a partner user, as the partners page acts on it (deactivate, reactivate). */
export const partnerStatusSchema = z.object({
  userId: reference('user'),
  version: z.coerce.number({ error: 'Missing version: reload the page.' }).int().min(1),
});

/** Choosing a password from an invitation: the same rules as choose-password (lib/schemas/profile.ts). */
export const acceptInvitationSchema = z
  .object({
    newPassword: newPasswordSchema,
    confirmPassword: z.string({ error: 'Type the password again.' }).max(1024, 'That password is too long.')
      .refine((v) => !hasControlCharacter(v), 'A password cannot contain control characters.'),
  })
  .superRefine((v, ctx) => {
    if (v.confirmPassword !== v.newPassword) ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'The two passwords differ: type the same one twice.' });
  });

export type InviteInput = z.infer<typeof inviteSchema>;
export type AcceptInvitationInput = z.infer<typeof acceptInvitationSchema>;

/**
 * Why an invitation's form was sent back, as a short code in the page's address (the form posts
 * without JavaScript, and a password is never put back in a page): the page says it in words.
 */
export const ACCEPT_PROBLEMS = {
  short: `A password has at least ${PASSWORD_MIN} characters.`,
  long: `A password has at most ${PASSWORD_MAX} characters.`,
  control: 'A password cannot contain control characters.',
  spaces: 'A password cannot start or end with a space.',
  mismatch: 'The two passwords differ: type the same one twice.',
  taken: 'That email already has an account in Accord: sign in with it instead.',
  unavailable: 'The database is unavailable right now, so nothing was saved. Please try again in a moment.',
  failed: 'Something went wrong on our side; nothing was saved. Please try again.',
} as const;
export type AcceptProblem = keyof typeof ACCEPT_PROBLEMS;

/** The first problem with what was typed, in the order a person would fix them; null when it is fine. */
export function passwordProblem(raw: { newPassword?: unknown; confirmPassword?: unknown }): AcceptProblem | null {
  const password = typeof raw.newPassword === 'string' ? raw.newPassword : '';
  if (password.length < PASSWORD_MIN) return 'short';
  if (password.length > PASSWORD_MAX) return 'long';
  if (hasControlCharacter(password)) return 'control';
  if (password.trim() !== password) return 'spaces';
  if (raw.confirmPassword !== password) return 'mismatch';
  return null;
}
