import 'server-only';
import type { Role } from '@/lib/domain';
import { emailDomain } from '@/lib/schemas/sign-in-policy';
import { db } from '@/server/db';
import { ssoConfig } from './config';

export type SignInPolicyDto = {
  /** The role of someone created at their first single sign-on; null: refused, no account created. */
  ssoNewUserRole: Role | null;
  /** Email domains whose people may not sign in with a password (lower case, sorted). */
  passwordOffDomains: string[];
  /** 0 while on the defaults (no row yet). */
  version: number;
};

const DEFAULTS: SignInPolicyDto = { ssoNewUserRole: null, passwordOffDomains: [], version: 0 };

type Reader = Pick<typeof db, 'signInPolicy'>;

export async function findSignInPolicy(reader: Reader = db): Promise<SignInPolicyDto> {
  const row = await reader.signInPolicy.findUnique({ where: { id: 1 }, select: { ssoNewUserRole: true, passwordOffDomains: true, version: true } });
  return row ? { ssoNewUserRole: row.ssoNewUserRole, passwordOffDomains: [...row.passwordOffDomains].sort(), version: row.version } : DEFAULTS;
}

/**
 * The domain, when people of this email's domain must use single sign-on; null when a password is
 * fine. Enforced only while single sign-on is configured: with it off, refusing passwords would
 * lock those people (perhaps every administrator) out of Accord altogether.
 */
export async function passwordOffFor(email: string): Promise<string | null> {
  if (!ssoConfig()) return null;
  const domain = emailDomain(email);
  if (!domain) return null;
  const { passwordOffDomains } = await findSignInPolicy();
  return passwordOffDomains.includes(domain) ? domain : null;
}
