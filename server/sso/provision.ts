import 'server-only';
import { emailSchema } from '@/lib/schemas/users';
import { recordAudit } from '@/server/audit/record';
import { SYSTEM_ACTOR, type Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { findSignInPolicy } from './policy';

/** Why a single sign-on was refused; the sign-in page words each one (?error=sso-<reason>). */
export type SsoRefusal = 'unverified' | 'no-account' | 'deactivated' | 'no-email';

export type SsoVerdict =
  | { admitted: true; userId: string; email: string; created: boolean }
  | { admitted: false; reason: SsoRefusal; email: string };

/** The claims we read from the provider (the ID token's, or its userinfo answer). */
export type SsoProfile = { sub?: unknown; email?: unknown; email_verified?: unknown; name?: unknown };

const isVerified = (value: unknown) => value === true || value === 'true';

/**
 * Decides whether the person the provider vouches for may sign in (issue 18), before better-auth
 * looks them up:
 * - no email, or an email the provider has not verified: refused (an unverified address proves
 *   nothing: anyone could have typed the boss's);
 * - an existing account with that email: that account (refused if deactivated);
 * - nobody with that email: created with the role an administrator chose, in one transaction
 *   with its `user.provisioned` audit row, or refused when the setting says so.
 * Every refusal lands in the audit trail as a failed sign-in, like a wrong password does.
 * A partner is never created here: the setting's roles are internal ones (and the database's CHECK
 * on sign_in_policy and users says the same).
 */
export async function admitSsoProfile(profile: SsoProfile, context: { ip?: string; userAgent?: string } = {}): Promise<SsoVerdict> {
  const parsedEmail = emailSchema.safeParse(profile.email);
  const email = parsedEmail.success ? parsedEmail.data : typeof profile.email === 'string' ? profile.email.slice(0, 254) : '';
  const audit = { email, method: 'single sign-on', ...(context.ip ? { ip: context.ip } : {}), ...(context.userAgent ? { userAgent: context.userAgent.slice(0, 200) } : {}) };
  const refuse = async (reason: SsoRefusal, userId?: string): Promise<SsoVerdict> => {
    await recordAudit(db, SYSTEM_ACTOR, {
      entityType: userId ? 'User' : 'SignIn', entityId: userId ?? (email || 'unknown'), action: 'signin.failed',
      context: { ...audit, reason: REFUSAL_REASONS[reason] },
    });
    return { admitted: false, reason, email };
  };
  if (!parsedEmail.success) return refuse('no-email');
  if (!isVerified(profile.email_verified)) return refuse('unverified');

  const existing = await db.user.findUnique({ where: { email }, select: { id: true, deactivatedAt: true } });
  if (existing) return existing.deactivatedAt ? refuse('deactivated', existing.id) : { admitted: true, userId: existing.id, email, created: false };

  const { ssoNewUserRole: role } = await findSignInPolicy();
  if (!role || role === 'PARTNER') return refuse('no-account');
  const name = typeof profile.name === 'string' && profile.name.trim() ? profile.name.trim().slice(0, 100) : email.split('@')[0]!;
  try {
    const userId = await db.$transaction(async (tx) => {
      // No password account: this person signs in through the provider (better-auth links the
      // provider's account to this row next, by the verified email).
      const user = await tx.user.create({ data: { email, name, role, emailVerified: true } });
      const actor: Actor = { kind: 'system', userId: null, role: null, label: 'single sign-on' };
      await recordAudit(tx, actor, {
        entityType: 'User', entityId: user.id, action: 'user.provisioned',
        after: { email, name, role }, context: audit,
      });
      return user.id;
    });
    return { admitted: true, userId, email, created: true };
  } catch (error) {
    // Two first sign-ins of one person at the same moment: the other one created the account.
    if ((error as { code?: string }).code !== 'P2002') throw error;
    const winner = await db.user.findUnique({ where: { email }, select: { id: true } });
    if (!winner) throw error;
    return { admitted: true, userId: winner.id, email, created: false };
  }
}

export const REFUSAL_REASONS: Record<SsoRefusal, string> = {
  unverified: 'single sign-on: email not verified by the provider',
  'no-account': 'single sign-on: no account, and new people are refused',
  deactivated: 'deactivated',
  'no-email': 'single sign-on: the provider sent no valid email',
};
