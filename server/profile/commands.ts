import 'server-only';
import { changePasswordSchema, endSessionSchema, renameSelfSchema } from '@/lib/schemas/profile';
import { z } from 'zod';
import { defineCommand } from '@/server/actions/define';
import { changeOwnPassword, renameSelf, signOutOtherSessions, signOutSession } from './mutations';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const renameSelfCommand = defineCommand({
  permission: 'profile.update',
  partners: 'scoped', // one's own account only: partner users keep theirs too (issue 17)
  schema: renameSelfSchema,
  run: (actor, input) => renameSelf(actor, input),
  success: (r) => (r.changed ? `Your name is now ${r.name}.` : 'Your name was already that.'),
});

export const changeOwnPasswordCommand = defineCommand({
  permission: 'profile.password', // the one permission a temporary password leaves (server/auth/guard.ts)
  partners: 'scoped', // one's own password: partner users too (issue 17)
  schema: changePasswordSchema,
  run: (actor, input) => changeOwnPassword(actor, input),
  success: (r) =>
    `Your password is changed. ${r.otherSessionsEnded ? `${plural(r.otherSessionsEnded, 'other session was', 'other sessions were')} signed out.` : 'You had no other sessions to sign out.'}`,
});

export const signOutOtherSessionsCommand = defineCommand({
  permission: 'profile.update',
  partners: 'scoped', // one's own account only: partner users keep theirs too (issue 17)
  schema: z.object({}),
  run: (actor) => signOutOtherSessions(actor),
  success: (r) => (r.ended ? `Signed out ${plural(r.ended, 'other session', 'other sessions')}.` : 'You had no other sessions.'),
});

export const signOutSessionCommand = defineCommand({
  permission: 'profile.update',
  partners: 'scoped', // one's own account only: partner users keep theirs too (issue 17)
  schema: endSessionSchema,
  run: (actor, input) => signOutSession(actor, input),
  success: () => 'That session is signed out.',
});
