import 'server-only';
import { db } from '@/server/db';

export type TokenRow = {
  id: string;
  name: string;
  prefix: string;
  readOnly: boolean;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  state: 'active' | 'revoked' | 'expired';
};

export async function findTokensOf(userId: string): Promise<TokenRow[]> {
  const rows = await db.apiToken.findMany({ where: { userId }, orderBy: [{ revokedAt: { sort: 'asc', nulls: 'first' } }, { createdAt: 'desc' }] });
  const now = Date.now();
  return rows.map((t) => ({
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    readOnly: t.readOnly,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    state: t.revokedAt ? 'revoked' : t.expiresAt && t.expiresAt.getTime() <= now ? 'expired' : 'active',
  }));
}
