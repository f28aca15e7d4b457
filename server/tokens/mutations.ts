import 'server-only';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { generateToken } from './secrets';

const MAX_ACTIVE_TOKENS = 20;

/** Creates a personal token for `ownerId` (the actor themself, or anyone for an operator). */
export async function createApiToken(
  actor: Actor,
  input: { ownerId: string; name: string; readOnly: boolean; expiresInDays?: number },
) {
  if (actor.kind !== 'operator' && actor.userId !== input.ownerId) throw new ForbiddenError('You can only create tokens for yourself.');
  const { token, hash, prefix } = generateToken();
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const created = await db.$transaction(async (tx) => {
    const owner = await tx.user.findUnique({ where: { id: input.ownerId }, select: { id: true, deactivatedAt: true } });
    if (!owner || owner.deactivatedAt) throw new NotFoundError('That user does not exist or is deactivated.');
    // Lock the owner's row: simultaneous creations queue, so the count below cannot be stale.
    await tx.$queryRaw`SELECT id FROM users WHERE id = ${owner.id} FOR UPDATE`;
    const active = await tx.apiToken.count({ where: { userId: owner.id, revokedAt: null } });
    if (active >= MAX_ACTIVE_TOKENS) throw new ValidationError(`You already have ${MAX_ACTIVE_TOKENS} active tokens; revoke one first.`);
    const row = await tx.apiToken.create({
      data: { userId: owner.id, name: input.name, tokenHash: hash, prefix, readOnly: input.readOnly, expiresAt },
    });
    await recordAudit(tx, actor, {
      entityType: 'ApiToken', entityId: row.id, action: 'token.created',
      after: { name: row.name, readOnly: row.readOnly, expiresAt: expiresAt?.toISOString() ?? null, owner: owner.id },
    });
    return row;
  });
  return { id: created.id, name: created.name, token, prefix, readOnly: created.readOnly, expiresAt: created.expiresAt?.toISOString() ?? null };
}

export async function revokeApiToken(actor: Actor, input: { tokenId: string }) {
  return db.$transaction(async (tx) => {
    const token = await tx.apiToken.findUnique({ where: { id: input.tokenId } });
    // Someone else's token answers "not found": no hint that it exists.
    if (!token || (actor.kind !== 'operator' && token.userId !== actor.userId)) throw new NotFoundError('No such token.');
    if (token.revokedAt) return { name: token.name, changed: false };
    const now = new Date();
    // Only if still active: two revocations at the same moment revoke (and audit) it once.
    const revoked = await tx.apiToken.updateMany({ where: { id: token.id, revokedAt: null }, data: { revokedAt: now } });
    if (revoked.count !== 1) return { name: token.name, changed: false };
    await recordAudit(tx, actor, {
      entityType: 'ApiToken', entityId: token.id, action: 'token.revoked',
      before: { revokedAt: null }, after: { revokedAt: now.toISOString() },
    });
    return { name: token.name, changed: true };
  });
}
