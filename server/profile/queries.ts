import 'server-only';
import type { Role } from '@/lib/domain';
import { describeUserAgent } from '@/lib/user-agent';
import type { Actor } from '@/server/auth/actor';
import { SESSION_IDLE_SECONDS } from '@/server/auth/better-auth';
import { db } from '@/server/db';

export type SessionRow = { id: string; device: string; signedInAt: string; lastActiveAt: string; current: boolean };
export type Profile = { name: string; email: string; role: Role; mustChangePassword: boolean; sessions: SessionRow[] };

/** The signed-in person's own account and their live sessions, this device first. */
export async function findProfile(actor: Actor): Promise<Profile | null> {
  if (actor.kind !== 'user' || !actor.userId) return null;
  const now = Date.now();
  const user = await db.user.findUnique({
    where: { id: actor.userId },
    select: {
      name: true, email: true, role: true, mustChangePassword: true,
      sessions: {
        // Sessions past either limit are dead already (refused on their next request): not listed.
        where: { expiresAt: { gt: new Date(now) }, updatedAt: { gt: new Date(now - SESSION_IDLE_SECONDS * 1000) } },
        orderBy: { updatedAt: 'desc' },
        select: { id: true, userAgent: true, createdAt: true, updatedAt: true },
      },
    },
  });
  if (!user) return null;
  const sessions = user.sessions.map((s) => ({
    id: s.id,
    device: describeUserAgent(s.userAgent),
    signedInAt: s.createdAt.toISOString(),
    lastActiveAt: s.updatedAt.toISOString(),
    current: s.id === actor.sessionId,
  }));
  sessions.sort((a, b) => Number(b.current) - Number(a.current));
  return { name: user.name, email: user.email, role: user.role, mustChangePassword: user.mustChangePassword, sessions };
}
