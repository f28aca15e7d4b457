import 'server-only';
import { isWrite, roleCan, type Permission } from '@/lib/permissions';
import { ForbiddenError, UnauthenticatedError } from '@/server/errors';
import type { Actor } from './actor';

export const MUST_CHANGE_PASSWORD = 'Choose your own password first: the one you signed in with was temporary.';
export const CLOSED_TO_PARTNERS = 'This part of Accord is not open to partner accounts.';

/**
 * Partner users (issue 17) pass only where the caller says it scopes what it reads and writes to
 * the partner's organization (server/access/scope.ts): closed by default, so a new page, route or
 * command never shows a partner more than it was written for.
 */
export type GuardOptions = { partners?: 'scoped' };

/**
 * The one permission check. Every server action and route handler calls it (through
 * requirePermission / the API wrapper) before it reads input or touches data.
 * Operators at the CLI act with full rights: they already hold the database.
 */
export function authorize(actor: Actor | null, permission: Permission, options: GuardOptions = {}): Actor {
  const refusal = refusalOf(actor, permission, options);
  if (refusal === null) return actor!;
  throw refusal === UNAUTHENTICATED ? new UnauthenticatedError() : new ForbiddenError(refusal);
}

/**
 * Whether authorize would let the actor through. No error is built for a "no": pages ask this for
 * every button they might show, and an error's stack trace cost a dashboard view about 1% of its CPU.
 */
export function actorCan(actor: Actor | null, permission: Permission, options: GuardOptions = {}): boolean {
  return refusalOf(actor, permission, options) === null;
}

const UNAUTHENTICATED = Symbol('unauthenticated');

/** Why the actor may not do this (the message a 403 carries), or null when it may: the rule itself, once. */
function refusalOf(actor: Actor | null, permission: Permission, options: GuardOptions): string | typeof UNAUTHENTICATED | null {
  if (!actor) return UNAUTHENTICATED;
  if (actor.kind === 'operator' || actor.kind === 'system') return null;
  // A temporary password is the administrator's secret too: until the person replaces it, the
  // session may do nothing else (pages redirect to /choose-password; this refuses everything else).
  if (actor.mustChangePassword && permission !== 'profile.password') return MUST_CHANGE_PASSWORD;
  if (!actor.role || !roleCan(actor.role, permission)) return `Your role does not allow this (${permission}).`;
  if (actor.readOnly && isWrite(permission)) return 'This API token is read-only; it cannot make changes.';
  if (actor.role === 'PARTNER' && (options.partners !== 'scoped' || !actor.organizationId)) return CLOSED_TO_PARTNERS;
  return null;
}
