import 'server-only';
import type { Route } from 'next';
import { forbidden, redirect } from 'next/navigation';
import { headers } from 'next/headers';
import type { Permission } from '@/lib/permissions';
import type { Actor } from './actor';
import { actorCan, authorize, type GuardOptions } from './guard';
import { currentActor } from './session';

/** Pages: the signed-in actor, or a redirect to sign-in that comes back here afterwards. */
export async function requirePageActor(): Promise<Actor> {
  const actor = await currentActor();
  // A temporary password must be replaced before any page opens (the guard refuses the rest too).
  if (actor?.mustChangePassword) redirect('/choose-password' as Route);
  if (actor) return actor;
  const path = (await headers()).get('x-accord-path') ?? '/';
  redirect(`/sign-in?next=${encodeURIComponent(path)}` as Route);
}

/** Pages: as requirePageActor, and a 403 page when the role lacks the permission. */
export async function requirePagePermission(permission: Permission, options: GuardOptions = {}): Promise<Actor> {
  const actor = await requirePageActor();
  if (!actorCan(actor, permission, options)) forbidden();
  return actor;
}

/** Server actions and route handlers: the actor, or an Unauthenticated/Forbidden error. */
export async function requirePermission(permission: Permission, options: GuardOptions = {}): Promise<Actor> {
  return authorize(await currentActor(), permission, options);
}
