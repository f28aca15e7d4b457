import 'server-only';
import { ROLE_LABELS } from '@/lib/domain';
import { SSO_REFUSE, type SignInPolicyInput } from '@/lib/schemas/sign-in-policy';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { isWriteConflict, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { ConflictError } from '@/server/errors';
import { findSignInPolicy, type SignInPolicyDto } from './policy';

const REFUSED_WORDS = 'Refused: no account is created';
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/**
 * Saves how people sign in (issue 18). The form carries the version it showed (0: the defaults);
 * a change saved since is refused with 409 and nothing is written. One audit row
 * (`signin.policy-changed`) holds what changed, before and after, in the same transaction.
 */
export async function updateSignInPolicy(actor: Actor, input: SignInPolicyInput): Promise<SignInPolicyDto & { changed: boolean }> {
  const role = input.newUserRole === SSO_REFUSE ? null : input.newUserRole;
  let changed = false;
  try {
    await db.$transaction(async (tx) => {
      const current = await findSignInPolicy(tx);
      if (current.version !== input.version) {
        throw new ConflictError('Someone changed how people sign in since you loaded this page. Reload it to see their change, then try again.');
      }
      const before: Record<string, unknown> = {};
      const after: Record<string, unknown> = {};
      if (current.ssoNewUserRole !== role) {
        before.newPeople = current.ssoNewUserRole ? ROLE_LABELS[current.ssoNewUserRole] : REFUSED_WORDS;
        after.newPeople = role ? ROLE_LABELS[role] : REFUSED_WORDS;
      }
      if (current.passwordOffDomains.join(',') !== input.passwordOffDomains.join(',')) {
        before.passwordOffDomains = current.passwordOffDomains;
        after.passwordOffDomains = input.passwordOffDomains;
      }
      if (!Object.keys(after).length) return;
      changed = true;
      const data = { ssoNewUserRole: role, passwordOffDomains: input.passwordOffDomains };
      if (current.version === 0) {
        await tx.signInPolicy.create({ data: { id: 1, ...data } });
      } else {
        const moved = await tx.signInPolicy.updateMany({ where: { id: 1, version: current.version }, data: { ...data, version: { increment: 1 } } });
        if (moved.count !== 1) throw lostRace('sign-in settings');
      }
      await recordAudit(tx, actor, { entityType: 'SignInPolicy', entityId: 'sign-in', action: 'signin.policy-changed', before, after });
    });
  } catch (error) {
    // Two first saves at once: the second insert hits the primary key.
    if (isUniqueViolation(error) || isWriteConflict(error)) throw lostRace('sign-in settings');
    throw error;
  }
  return { ...(await findSignInPolicy()), changed };
}
