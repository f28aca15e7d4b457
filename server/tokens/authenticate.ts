import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { countedRequest, countingInsert, readApiRateLimits, type ApiRateLimits, type CountedRequest, type CountedRow } from '@/server/api/rate-limit';
import { recordAudit } from '@/server/audit/record';
import type { Role } from '@/lib/domain';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { writeRows } from '@/server/db/read-rows';
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
  return (await countedBearer(authorization, context, { limits: { token: 0, user: 0, windowSeconds: 60 } })).actor;
}

type TokenRow = {
  id: string; name: string; readOnly: boolean; revokedAt: Date | null; expiresAt: Date | null; lastUsedAt: Date | null;
  userId: string; email: string; userName: string; role: Role; deactivatedAt: Date | null; organizationId: string | null;
  counts: CountedRow[];
};

/**
 * actorFromBearer, and the request counted against the token's and its owner's rate limits
 * (server/api/rate-limit.ts) in the same statement: every API request starts here, and on
 * PostgreSQL a round trip is most of what a small request costs (decision 020). Only a token that
 * authenticates is counted (the statement's own check is the one below, at the same `now`): a
 * refused token raises no one's count.
 */
export async function countedBearer(
  authorization: string,
  context: { method: string; path: string },
  options: { limits?: ApiRateLimits; now?: number } = {},
): Promise<{ actor: Actor; counted: CountedRequest }> {
  const token = authorization.slice('Bearer '.length).trim();
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) throw new UnauthenticatedError('That API token is not valid.');
  const limits = options.limits ?? readApiRateLimits();
  const now = options.now ?? Date.now();
  const keys = Prisma.sql`SELECT k FROM t CROSS JOIN LATERAL unnest(ARRAY[
      CASE WHEN ${limits.token}::float8 > 0 THEN 'token:' || t.id END,
      CASE WHEN ${limits.user}::float8 > 0 THEN 'user:' || t."userId" END]) WITH ORDINALITY AS keys(k, n)
    WHERE k IS NOT NULL AND t."revokedAt" IS NULL AND t."deactivatedAt" IS NULL
      AND (t."expiresAt" IS NULL OR t."expiresAt" > to_timestamp(${now / 1000}::float8) AT TIME ZONE 'UTC')
    ORDER BY n`;
  // One round trip: the token, its owner and the request's count (straight to the driver adapter:
  // writeRows, decision 026).
  const [row] = await writeRows<TokenRow>(Prisma.sql`
    WITH t AS (
      SELECT t.id, t.name, t."readOnly", t."revokedAt", t."expiresAt", t."lastUsedAt",
             u.id AS "userId", u.email, u.name AS "userName", u.role::text AS role, u."deactivatedAt", u."organizationId"
      FROM api_tokens t JOIN users u ON u.id = t."userId" WHERE t."tokenHash" = ${hashToken(token)}
    ), counted AS (${countingInsert(keys, now, limits)})
    SELECT t.*, COALESCE((SELECT json_agg(counted) FROM counted), '[]'::json) AS counts FROM t`);
  if (!row) throw new UnauthenticatedError('That API token is not valid.');
  if (row.revokedAt) throw new UnauthenticatedError('That API token has been revoked.');
  if (row.expiresAt && row.expiresAt.getTime() <= now) throw new UnauthenticatedError('That API token has expired.');
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
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > USE_RECORD_INTERVAL_MS) {
    await db.$transaction(async (tx) => {
      await tx.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
      await recordAudit(tx, actor, { entityType: 'ApiToken', entityId: row.id, action: 'token.used', context });
    });
  }
  return { actor, counted: countedRequest({ tokenId: row.id, userId: row.userId }, row.counts, now, limits) };
}
