import 'server-only';
import type { ChangePasswordInput } from '@/lib/schemas/profile';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { hashPassword, verifyPassword } from '@/server/auth/password';
import { clearFailures, recordFailure, throttledFor, type ThrottleKey } from '@/server/auth/throttle';
import { db } from '@/server/db';
import { ThrottledError, ValidationError } from '@/server/errors';

// One's own account (issue 13). Each function acts on the actor's own row only: there is no user
// id in the input to tamper with, and a session id must belong to the actor to be ended.

export const WRONG_CURRENT_PASSWORD = 'That is not your current password.';

/** The signed-in person behind the actor (tokens, the CLI and the system have no profile). */
function self(actor: Actor): { userId: string; sessionId: string | null } {
  if (actor.kind !== 'user' || !actor.userId) throw new ValidationError('Only a person signed in to Accord has a profile to change.');
  return { userId: actor.userId, sessionId: actor.sessionId ?? null };
}

export async function renameSelf(actor: Actor, input: { name: string }) {
  const { userId } = self(actor);
  return db.$transaction(async (tx) => {
    const user = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { name: true } });
    if (user.name === input.name) return { name: input.name, changed: false };
    await tx.user.update({ where: { id: userId }, data: { name: input.name, version: { increment: 1 } } });
    await recordAudit(tx, actor, { entityType: 'User', entityId: userId, action: 'user.name-changed', before: { name: user.name }, after: { name: input.name } });
    return { name: input.name, changed: true };
  });
}

// Guessing the current password from a session left open is throttled like sign-in is.
const passwordKeys = (userId: string): ThrottleKey[] => [{ key: `password-change:${userId}`, limit: 5 }];

/**
 * Replaces the person's password after checking the current one, ends every other session of
 * theirs (someone who had the old password may be signed in elsewhere) and lifts the
 * must-change mark left by a temporary password.
 */
export async function changeOwnPassword(actor: Actor, input: ChangePasswordInput) {
  const { userId, sessionId } = self(actor);
  const keys = passwordKeys(userId);
  const wait = await throttledFor(keys);
  if (wait) throw new ThrottledError(wait);
  const account = await db.account.findFirst({ where: { userId, providerId: 'credential' }, select: { id: true, password: true } });
  if (!account?.password || !(await verifyPassword(account.password, input.currentPassword))) {
    // Counted against the throttle, not written to the audit trail: a refused command writes
    // nothing there (tests/db/fuzz-commands.test.ts), and the throttle already bounds guessing.
    await recordFailure(keys);
    throw new ValidationError(WRONG_CURRENT_PASSWORD, { currentPassword: [WRONG_CURRENT_PASSWORD] });
  }
  const hash = await hashPassword(input.newPassword); // slow on purpose: outside the transaction
  const result = await db.$transaction(async (tx) => {
    // The hash read above must still be the one we replace: two changes at once, the second loses.
    const written = await tx.account.updateMany({ where: { id: account.id, password: account.password }, data: { password: hash } });
    if (written.count !== 1) throw new ValidationError('Your password was changed a moment ago somewhere else; reload and try again.');
    const user = await tx.user.update({ where: { id: userId }, data: { mustChangePassword: false }, select: { mustChangePassword: true } });
    const ended = await tx.session.deleteMany({ where: { userId, ...(sessionId ? { id: { not: sessionId } } : {}) } });
    await recordAudit(tx, actor, {
      entityType: 'User', entityId: userId, action: 'user.password-changed',
      context: { otherSessionsEnded: ended.count, wasTemporary: actor.mustChangePassword === true },
    });
    return { otherSessionsEnded: ended.count, mustChangePassword: user.mustChangePassword };
  });
  await clearFailures(keys[0]!.key);
  return result;
}

/** Ends every session of the person except the one making the request. */
export async function signOutOtherSessions(actor: Actor) {
  const { userId, sessionId } = self(actor);
  return db.$transaction(async (tx) => {
    const ended = await tx.session.deleteMany({ where: { userId, ...(sessionId ? { id: { not: sessionId } } : {}) } });
    await recordAudit(tx, actor, { entityType: 'User', entityId: userId, action: 'user.sessions-ended', context: { ended: ended.count, kept: sessionId ? 1 : 0 } });
    return { ended: ended.count };
  });
}

/** Ends one of the person's sessions (another device); their current one is ended by signing out. */
export async function signOutSession(actor: Actor, input: { sessionId: string }) {
  const { userId, sessionId } = self(actor);
  if (input.sessionId === sessionId) throw new ValidationError('That is this device: use Sign out at the top of the page.');
  return db.$transaction(async (tx) => {
    // userId in the filter: a session id of someone else ends nothing (and says so).
    const ended = await tx.session.deleteMany({ where: { id: input.sessionId, userId } });
    if (ended.count === 0) throw new ValidationError('That session has already ended.');
    await recordAudit(tx, actor, { entityType: 'User', entityId: userId, action: 'user.session-ended', context: { sessionId: input.sessionId } });
    return { ended: ended.count };
  });
}
