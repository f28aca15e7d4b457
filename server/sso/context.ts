import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { SsoVerdict } from './provision';

/**
 * What one single sign-on callback learnt, shared between our route (server/sso/flow.ts) and the
 * hooks better-auth calls while it handles that request (server/auth/better-auth.ts): our verdict
 * on the person, the user the session was made for, and what better-auth had to say. Per request, so concurrent sign-ins never mix.
 */
export type SsoCallbackStore = {
  ip: string; userAgent: string; verdict?: SsoVerdict; sessionUserId?: string;
  /** What better-auth logged at warn or error level while handling this callback (server/auth/auth-log.ts); our route prints it in its one line. */
  notes?: string[];
};

// One per process, like the better-auth instance (server/auth/better-auth.ts): Next.js bundles each
// route apart, and the instance made by one route's bundle serves the others. Its hooks must see
// the store our callback route fills, not a copy from another bundle.
const key = Symbol.for('accord.sso-callback-store');
type G = typeof globalThis & { [key]?: AsyncLocalStorage<SsoCallbackStore> };
export const ssoCallbackStore: AsyncLocalStorage<SsoCallbackStore> = ((globalThis as G)[key] ??= new AsyncLocalStorage<SsoCallbackStore>());
