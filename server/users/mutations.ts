import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Prisma } from '@/generated/prisma/client';
import type { Role } from '@/lib/domain';
import type { CreateUserInput } from '@/lib/schemas/users';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { hashPassword } from '@/server/auth/password';
import { db } from '@/server/db';
import { assertVersion, lostRace } from '@/server/concurrency';
import { NotFoundError, ValidationError } from '@/server/errors';

/** A readable one-time password for a new account: 4 groups of 5 characters, no look-alikes. */
export function generateTemporaryPassword(): string {
  const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';
  const bytes = randomBytes(20);
  const chars = [...bytes].map((b) => alphabet[b % alphabet.length]);
  return [0, 5, 10, 15].map((i) => chars.slice(i, i + 5).join('')).join('-');
}

type Tx = Parameters<Parameters<typeof db.$transaction>[0]>[0];

/**
 * Writes a person and their password (already hashed) in the caller's transaction. better-auth
 * finds the password on the 'credential' account whose accountId is the user id. A PARTNER belongs
 * to one organization and nobody else does (issue 17; the database's CHECK says the same).
 */
export async function insertUser(
  tx: Tx,
  input: { email: string; name: string; role: Role; organizationId?: string | null; mustChangePassword: boolean },
  hash: string,
) {
  if ((input.role === 'PARTNER') !== Boolean(input.organizationId)) {
    throw new ValidationError(input.role === 'PARTNER' ? 'A partner user needs their organization.' : 'Only partner users belong to an organization.');
  }
  const user = await tx.user.create({
    data: {
      email: input.email, name: input.name, role: input.role, organizationId: input.organizationId ?? null,
      emailVerified: true, mustChangePassword: input.mustChangePassword,
    },
  });
  await tx.account.create({ data: { userId: user.id, providerId: 'credential', accountId: user.id, password: hash } });
  return user;
}

export const EMAIL_TAKEN = 'That email already has an account.';

export async function createUser(actor: Actor, input: Omit<CreateUserInput, 'role'> & { role: Role; organizationId?: string | null; password?: string }) {
  const password = input.password ?? generateTemporaryPassword();
  const hash = await hashPassword(password); // slow on purpose: outside the transaction
  const taken = () => new ValidationError(EMAIL_TAKEN, { email: [EMAIL_TAKEN] });
  const created = db.$transaction(async (tx) => {
    const existing = await tx.user.findUnique({ where: { email: input.email }, select: { id: true } });
    if (existing) throw taken();
    const organization = input.organizationId
      ? await tx.organization.findUnique({ where: { id: input.organizationId }, select: { name: true } })
      : null;
    if (input.organizationId && !organization) throw new NotFoundError('That organization does not exist.');
    // A generated password is known to the administrator too: the person must replace it at
    // first sign-in. One given at the CLI (--password) is the operator's deliberate choice.
    const user = await insertUser(tx, { ...input, mustChangePassword: input.password === undefined }, hash);
    await recordAudit(tx, actor, {
      entityType: 'User',
      entityId: user.id,
      action: 'user.created',
      after: { email: user.email, name: user.name, role: user.role, ...(organization ? { organization: organization.name } : {}) },
    });
    return { id: user.id, email: user.email, role: user.role, temporaryPassword: input.password ? null : password };
  });
  // The same email added twice at the same moment: the unique index refuses the second.
  return created.catch((error: unknown) => {
    throw (error as { code?: string }).code === 'P2002' ? taken() : error;
  });
}

type Versioned = { userId: string; version: number };

async function lockUser(tx: Tx, { userId, version }: Versioned) {
  const user = await tx.user.findUnique({ where: { id: userId } });
  if (!user) throw new NotFoundError('That user does not exist.');
  await assertVersion(tx, { type: 'User', id: userId, noun: `account of ${user.email}`, version: user.version }, version, () => ({
    role: user.role,
    deactivated: user.deactivatedAt !== null,
    version: user.version,
  }));
  return user;
}

/**
 * Active administrators other than `userId`, with their rows locked until the transaction ends:
 * two administrators removing each other at the same moment queue here, and the second sees the
 * first's change (otherwise both would pass the check and leave nobody in charge).
 */
async function activeAdminsOtherThan(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], userId: string) {
  const admins = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM users WHERE role = 'ADMIN' AND "deactivatedAt" IS NULL ORDER BY id FOR UPDATE`;
  return admins.filter((a) => a.id !== userId).length;
}

/** The version-guarded write of a person's row: a simultaneous change from the same version loses (409). */
async function writeUser(tx: Parameters<Parameters<typeof db.$transaction>[0]>[0], { userId, version }: Versioned, data: Prisma.UserUpdateManyMutationInput) {
  const updated = await tx.user.updateMany({ where: { id: userId, version }, data: { ...data, version: { increment: 1 } } });
  if (updated.count !== 1) throw lostRace('account');
}

export async function changeUserRole(actor: Actor, input: Versioned & { role: Role }) {
  return db.$transaction(async (tx) => {
    const user = await lockUser(tx, input);
    if (user.role === input.role) return { email: user.email, name: user.name, role: user.role, changed: false };
    // A partner user belongs to their organization (issue 17): that account cannot become an
    // internal one, nor an internal account a partner's. The database's CHECK would refuse it too.
    if (user.role === 'PARTNER') {
      throw new ValidationError(`${user.name} is a partner user: their role cannot change. Deactivate the account, and add the person again with the role they need.`, { role: ['A partner user’s role cannot change.'] });
    }
    if (input.role === 'PARTNER') {
      throw new ValidationError('Partner users are added by invitation, with their organization: an internal account cannot become one.', { role: ['An internal account cannot become a partner user.'] });
    }
    if (user.role === 'ADMIN' && (await activeAdminsOtherThan(tx, user.id)) === 0) {
      throw new ValidationError('Accord needs at least one active administrator: make someone else an administrator first.');
    }
    await writeUser(tx, input, { role: input.role });
    await recordAudit(tx, actor, { entityType: 'User', entityId: user.id, action: 'user.role-changed', before: { role: user.role }, after: { role: input.role } });
    return { email: user.email, name: user.name, role: input.role, changed: true };
  });
}

/** Deactivating ends every session of the user at once; their API tokens stop working too. */
export async function deactivateUser(actor: Actor, input: Versioned) {
  return db.$transaction(async (tx) => {
    const user = await lockUser(tx, input);
    if (user.deactivatedAt) return { email: user.email, name: user.name, changed: false, sessionsEnded: 0 };
    if (actor.userId === user.id) throw new ValidationError('You cannot deactivate your own account.');
    if (user.role === 'ADMIN' && (await activeAdminsOtherThan(tx, user.id)) === 0) {
      throw new ValidationError('Accord needs at least one active administrator.');
    }
    const now = new Date();
    await writeUser(tx, input, { deactivatedAt: now });
    const ended = await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, actor, {
      entityType: 'User', entityId: user.id, action: 'user.deactivated',
      before: { deactivatedAt: null }, after: { deactivatedAt: now.toISOString() }, context: { sessionsEnded: ended.count },
    });
    return { email: user.email, name: user.name, changed: true, sessionsEnded: ended.count };
  });
}

/**
 * A forgotten password: a new temporary one, shown once to the administrator, to be replaced at
 * the person's next sign-in. Their sessions end (whoever held the old password is signed out);
 * their API tokens keep working, being credentials they created themselves (deactivate to stop them).
 */
export async function resetUserPassword(actor: Actor, input: Versioned) {
  const password = generateTemporaryPassword();
  const hash = await hashPassword(password); // slow on purpose: outside the transaction
  return db.$transaction(async (tx) => {
    const user = await lockUser(tx, input);
    if (user.deactivatedAt) throw new ValidationError(`${user.name} is deactivated: reactivate them first.`);
    if (actor.userId === user.id) throw new ValidationError('Change your own password on your profile page.');
    await writeUser(tx, input, { mustChangePassword: true });
    const written = await tx.account.updateMany({ where: { userId: user.id, providerId: 'credential' }, data: { password: hash } });
    if (written.count === 0) await tx.account.create({ data: { userId: user.id, providerId: 'credential', accountId: user.id, password: hash } });
    const ended = await tx.session.deleteMany({ where: { userId: user.id } });
    await recordAudit(tx, actor, { entityType: 'User', entityId: user.id, action: 'user.password-reset', context: { sessionsEnded: ended.count } });
    return { email: user.email, name: user.name, temporaryPassword: password, sessionsEnded: ended.count };
  });
}

export async function reactivateUser(actor: Actor, input: Versioned) {
  return db.$transaction(async (tx) => {
    const user = await lockUser(tx, input);
    if (!user.deactivatedAt) return { email: user.email, name: user.name, changed: false };
    await writeUser(tx, input, { deactivatedAt: null });
    await recordAudit(tx, actor, {
      entityType: 'User', entityId: user.id, action: 'user.reactivated',
      before: { deactivatedAt: user.deactivatedAt.toISOString() }, after: { deactivatedAt: null },
    });
    return { email: user.email, name: user.name, changed: true };
  });
}
