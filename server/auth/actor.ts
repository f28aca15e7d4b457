import 'server-only';
import type { Role } from '@/lib/domain';

/**
 * Who is acting: a signed-in user, a user's API token, an operator at the CLI, or the system
 * (seed). Every mutation takes one and writes it into the audit trail.
 */
export type Actor = {
  kind: 'user' | 'token' | 'operator' | 'system';
  userId: string | null;
  role: Role | null;
  label: string;
  email?: string;
  name?: string;
  /** Read-only API tokens may not use write permissions. */
  readOnly?: boolean;
  tokenId?: string;
  sessionId?: string;
  /** Signed in with a temporary password from an administrator: may only choose their own. */
  mustChangePassword?: boolean;
  /** PARTNER users: their organization. Every read scopes itself by it (server/access/scope.ts). */
  organizationId?: string | null;
};

export function userActor(
  user: { id: string; email: string; name: string; role: Role; mustChangePassword?: boolean; organizationId?: string | null },
  sessionId?: string,
): Actor {
  const actor: Actor = { kind: 'user', userId: user.id, role: user.role, label: user.email, email: user.email, name: user.name, sessionId };
  if (user.mustChangePassword) actor.mustChangePassword = true;
  if (user.organizationId) actor.organizationId = user.organizationId;
  return actor;
}

export function operatorActor(): Actor {
  const who = process.env.USER ?? process.env.LOGNAME ?? 'unknown';
  return { kind: 'operator', userId: null, role: null, label: `operator (CLI, ${who})` };
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', userId: null, role: null, label: 'system' };
