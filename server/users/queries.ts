import 'server-only';
import type { Role } from '@/lib/domain';
import { db } from '@/server/db';

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** PARTNER users: their organization's name (issue 17). */
  organization: string | null;
  active: boolean;
  version: number;
  lastSignInAt: string | null;
  /** Holds a temporary password not yet replaced. */
  mustChangePassword: boolean;
  createdAt: string;
};

export async function findUsers(): Promise<UserRow[]> {
  const users = await db.user.findMany({
    orderBy: [{ deactivatedAt: { sort: 'asc', nulls: 'first' } }, { email: 'asc' }],
    select: {
      id: true, email: true, name: true, role: true, deactivatedAt: true, version: true, createdAt: true, lastSignInAt: true, mustChangePassword: true,
      organization: { select: { name: true } },
    },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    organization: u.organization?.name ?? null,
    active: u.deactivatedAt === null,
    version: u.version,
    // Kept at sign-in (issue 13): the latest session is gone once they sign out, which said "Never".
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    mustChangePassword: u.mustChangePassword,
    createdAt: u.createdAt.toISOString(),
  }));
}
