import { operatorActor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { createApiToken, revokeApiToken } from '@/server/tokens/mutations';
import { createUser } from '@/server/users/mutations';
import { BENCH_ACCOUNTS, BENCH_PASSWORD } from '../config';

export type BenchAccess = { analystToken: string; bdToken: string; executive: { email: string; password: string } };

const TOKEN_NAME = 'npm run bench';

/**
 * The bench's people and tokens, made by the app's own code (server/users, server/tokens) as an
 * operator would with the CLI: password hashes and token hashes are the app's, and each creation
 * is audited. Tokens are shown once, so every run revokes the previous run's and makes new ones.
 * Needs the process-wide database installed (installDatabase) on the bench database.
 */
export async function ensureBenchAccess(): Promise<BenchAccess> {
  const actor = operatorActor();
  const ids: Record<string, string> = {};
  for (const [key, account] of Object.entries(BENCH_ACCOUNTS)) {
    const existing = await db.user.findUnique({ where: { email: account.email }, select: { id: true } });
    ids[key] = existing?.id ?? (await createUser(actor, { email: account.email, name: account.name, role: account.role, password: BENCH_PASSWORD })).id;
  }
  // Every run starts with the executive never having opened a dashboard, so the bench can open
  // one from many tabs at once for the first time (a race that once answered HTTP 500).
  await db.dashboardVisit.deleteMany({ where: { userId: ids.executive! } });
  const tokenFor = async (userId: string) => {
    const old = await db.apiToken.findMany({ where: { userId, name: TOKEN_NAME, revokedAt: null }, select: { id: true } });
    for (const t of old) await revokeApiToken(actor, { tokenId: t.id });
    return (await createApiToken(actor, { ownerId: userId, name: TOKEN_NAME, readOnly: false, expiresInDays: 1 })).token;
  };
  return {
    analystToken: await tokenFor(ids.analyst!),
    bdToken: await tokenFor(ids.bd!),
    executive: { email: BENCH_ACCOUNTS.executive.email, password: BENCH_PASSWORD },
  };
}
