import type { Role } from '@/lib/domain';
import { userActor, type Actor } from '@/server/auth/actor';
import { createOrganization, createUser, type Tx } from '@/tests/factories/builders';

/**
 * One signed-in actor per role, backed by real user rows. The PARTNER belongs to an organization of
 * its own that is party to no deal: an outsider to every partnership the tests make (issue 17).
 */
export async function actorsByRole(tx: Tx): Promise<Record<Role, Actor>> {
  const out = {} as Record<Role, Actor>;
  for (const role of ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN'] as const) {
    const user = await createUser(tx, { role, email: `${role.toLowerCase()}-${Math.random().toString(36).slice(2, 8)}@example.test` });
    out[role] = userActor(user);
  }
  const suffix = Math.random().toString(36).slice(2, 8);
  const organization = await createOrganization(tx, { name: `Outside partner ${suffix}` });
  const partner = await createUser(tx, { role: 'PARTNER', organizationId: organization.id, email: `partner-${suffix}@example.test` });
  out.PARTNER = userActor({ ...partner, role: 'PARTNER' });
  return out;
}
