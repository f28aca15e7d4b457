import type { Role } from '@/lib/domain';
import { userActor, type Actor } from '@/server/auth/actor';
import { createUser, type Tx } from '@/tests/factories/builders';

/** One signed-in actor per role, backed by real user rows. */
export async function actorsByRole(tx: Tx): Promise<Record<Role, Actor>> {
  const out = {} as Record<Role, Actor>;
  for (const role of ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN'] as const) {
    const user = await createUser(tx, { role, email: `${role.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.test` });
    out[role] = userActor(user);
  }
  return out;
}
