import type { PrismaClient } from '@/generated/prisma/client';
import { createUser, ensureMetrics } from './builders';
import { DEMO_PASSWORD, DEMO_USERS } from './demo';

/**
 * The four demo people and the metric catalogue, nothing else: the starting point of the e2e test
 * that builds Apple Pay × Alipay through the UI (`ACCORD_SEED_SCOPE=users npm run db:seed`). The
 * metric definitions are product vocabulary (what "cards added" means), not deal data. The partner
 * user (DEMO_PARTNER) is not among them: they belong to Alibaba Group, which this scope does not make.
 */
export async function seedDemoUsers(db: PrismaClient): Promise<number> {
  return db.$transaction(async (tx) => {
    let created = 0;
    for (const u of DEMO_USERS) {
      if (await tx.user.findUnique({ where: { email: u.email } })) continue;
      await createUser(tx, { ...u, password: DEMO_PASSWORD });
      created += 1;
    }
    await ensureMetrics(tx);
    return created;
    // The factories hash each password once per process (builders.ts); still, a loaded machine is slow.
  }, { timeout: 120_000 });
}
