import 'server-only';
import type { Role } from '@/lib/domain';
import { changeRoleSchema, createUserSchema, userStatusSchema } from '@/lib/schemas/users';
import { defineCommand } from '@/server/actions/define';
import { changeUserRole, createUser, deactivateUser, reactivateUser, resetUserPassword } from './mutations';

// "Ana Lee is now an analyst": the role as a person would say it in a sentence.
const ROLE_IN_A_SENTENCE: Record<Role, string> = {
  EXECUTIVE: 'an executive',
  BUSINESS_DEVELOPMENT: 'in business development',
  ANALYST: 'an analyst',
  ADMIN: 'an administrator',
  PARTNER: 'a partner user',
};

export const createUserCommand = defineCommand({
  permission: 'users.manage',
  schema: createUserSchema,
  run: (actor, input) => createUser(actor, input),
  success: (r) => `Created ${r.email}. Give them the temporary password below; it is shown only once, and they choose their own at first sign-in.`,
});

export const changeRoleCommand = defineCommand({
  permission: 'users.manage',
  schema: changeRoleSchema,
  run: (actor, input) => changeUserRole(actor, input),
  success: (r) => (r.changed ? `${r.name} is now ${ROLE_IN_A_SENTENCE[r.role]}.` : `${r.name} was already ${ROLE_IN_A_SENTENCE[r.role]}.`),
});

export const deactivateUserCommand = defineCommand({
  permission: 'users.manage',
  schema: userStatusSchema,
  run: (actor, input) => deactivateUser(actor, input),
  success: (r) => (r.changed ? `${r.name} was deactivated; their sessions were signed out and their API tokens stopped.` : `${r.name} was already deactivated.`),
});

export const reactivateUserCommand = defineCommand({
  permission: 'users.manage',
  schema: userStatusSchema,
  run: (actor, input) => reactivateUser(actor, input),
  success: (r) => (r.changed ? `${r.name} can sign in again.` : `${r.name} could already sign in.`),
});

export const resetPasswordCommand = defineCommand({
  permission: 'users.manage',
  schema: userStatusSchema,
  run: (actor, input) => resetUserPassword(actor, input),
  success: (r) => `${r.name} has a new temporary password (below, shown only once); they were signed out and choose their own at next sign-in.`,
});
