import 'server-only';
import type { Role } from '@/lib/domain';
import { db } from '@/server/db';

export type UserRow = {
  id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  version: number;
  lastSignInAt: string | null;
  createdAt: string;
};

export async function findUsers(): Promise<UserRow[]> {
  const users = await db.user.findMany({
    orderBy: [{ deactivatedAt: { sort: 'asc', nulls: 'first' } }, { email: 'asc' }],
    select: {
      id: true, email: true, name: true, role: true, deactivatedAt: true, version: true, createdAt: true,
      sessions: { orderBy: { createdAt: 'desc' }, take: 1, select: { createdAt: true } },
    },
  });
  return users.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    active: u.deactivatedAt === null,
    version: u.version,
    lastSignInAt: u.sessions[0]?.createdAt.toISOString() ?? null,
    createdAt: u.createdAt.toISOString(),
  }));
}
