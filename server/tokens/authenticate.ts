import 'server-only';
import { recordAudit } from '@/server/audit/record';
import type { Role } from '@/lib/domain';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { UnauthenticatedError } from '@/server/errors';
import { hashToken, TOKEN_PREFIX } from './secrets';

// Token use is audited at most this often per token, so a busy script does not flood the trail;
// lastUsedAt is kept to the same precision.
const USE_RECORD_INTERVAL_MS = 60_000;

/**
 * The actor behind `Authorization: Bearer <token>`. Unknown, revoked and expired tokens, and
 * tokens of deactivated users, are refused with 401 on their very next request.
 */
export async function actorFromBearer(authorization: string, context: { method: string; path: string }): Promise<Actor> {
  const token = authorization.slice('Bearer '.length).trim();
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) throw new UnauthenticatedError('That API token is not valid.');
  // One round trip: the token and its owner (every API request starts here).
  const [row] = await db.$queryRaw<{
    id: string; name: string; readOnly: boolean; revokedAt: Date | null; expiresAt: Date | null; lastUsedAt: Date | null;
    userId: string; email: string; userName: string; role: Role; deactivatedAt: Date | null; organizationId: string | null;
  }[]>`
    SELECT t.id, t.name, t."readOnly", t."revokedAt", t."expiresAt", t."lastUsedAt",
           u.id AS "userId", u.email, u.name AS "userName", u.role::text AS role, u."deactivatedAt", u."organizationId"
    FROM api_tokens t JOIN users u ON u.id = t."userId" WHERE t."tokenHash" = ${hashToken(token)}`;
  if (!row) throw new UnauthenticatedError('That API token is not valid.');
  if (row.revokedAt) throw new UnauthenticatedError('That API token has been revoked.');
  if (row.expiresAt && row.expiresAt.getTime() <= Date.now()) throw new UnauthenticatedError('That API token has expired.');
  if (row.deactivatedAt) throw new UnauthenticatedError('The owner of that API token is deactivated.');
  const actor: Actor = {
    kind: 'token',
    userId: row.userId,
    role: row.role,
    label: `${row.email} (token "${row.name}")`,
    email: row.email,
    name: row.userName,
    readOnly: row.readOnly,
    tokenId: row.id,
  };
  if (row.organizationId) actor.organizationId = row.organizationId;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > USE_RECORD_INTERVAL_MS) {
    await db.$transaction(async (tx) => {
      await tx.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
      await recordAudit(tx, actor, { entityType: 'ApiToken', entityId: row.id, action: 'token.used', context });
    });
  }
  return actor;
}
