import 'server-only';
import { ROLE_LABELS } from '@/lib/domain';
import { changeRoleSchema, createUserSchema, userStatusSchema } from '@/lib/schemas/users';
import { defineCommand } from '@/server/actions/define';
import { changeUserRole, createUser, deactivateUser, reactivateUser } from './mutations';

export const createUserCommand = defineCommand({
  permission: 'users.manage',
  schema: createUserSchema,
  run: (actor, input) => createUser(actor, input),
  success: (r) => `Created ${r.email}. Give them the temporary password below; it is shown only once.`,
});

export const changeRoleCommand = defineCommand({
  permission: 'users.manage',
  schema: changeRoleSchema,
  run: (actor, input) => changeUserRole(actor, input),
  success: (r) => (r.changed ? `${r.email} is now ${ROLE_LABELS[r.role]}.` : `${r.email} already had that role.`),
});

export const deactivateUserCommand = defineCommand({
  permission: 'users.manage',
  schema: userStatusSchema,
  run: (actor, input) => deactivateUser(actor, input),
  success: (r) => `${r.email} is deactivated and signed out everywhere.`,
});

export const reactivateUserCommand = defineCommand({
  permission: 'users.manage',
  schema: userStatusSchema,
  run: (actor, input) => reactivateUser(actor, input),
  success: (r) => `${r.email} can sign in again.`,
});
