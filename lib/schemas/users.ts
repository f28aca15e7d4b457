import { z } from 'zod';
import { INTERNAL_ROLES } from '@/lib/domain';
import { reference, singleLine } from './text';

// Shared by the admin forms and the server (conventions, habit 4).
export const emailSchema = z
  .string({ error: 'Enter an email address.' })
  .trim()
  .toLowerCase()
  .max(254, 'An email address has at most 254 characters.')
  .pipe(z.email({ error: 'Enter a valid email address, like name@example.com.' }));

// Partner users are made by invitation or `accord user create --organization` (issue 17), with
// their organization: a role change cannot turn someone into one, or back.
export const roleSchema = z.enum(INTERNAL_ROLES, { error: 'Choose a role.' });

const version = z.coerce.number({ error: 'Missing version: reload the page.' }).int().min(1);
const userId = reference('user');

export const createUserSchema = z.object({
  email: emailSchema,
  name: singleLine('The name', 100),
  role: roleSchema,
});

export const changeRoleSchema = z.object({ userId, role: roleSchema, version });
export const userStatusSchema = z.object({ userId, version });

export type CreateUserInput = z.infer<typeof createUserSchema>;
