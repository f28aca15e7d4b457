import 'server-only';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { authSecret } from '@/server/auth/secret';
import { absoluteUrl } from '@/server/mail/config';

// A mail's unsubscribe link works signed out (issue 16): it carries the subscription's id and an
// HMAC of it under the app's secret, so nothing is stored and nobody can forge another person's.

const signature = (id: string) => createHmac('sha256', authSecret()).update(`accord.unsubscribe:${id}`).digest('base64url');

/** The id and its signature as one opaque word (base64url), so a mail shows no internal id. */
export function unsubscribeToken(subscriptionId: string): string {
  return Buffer.from(`${subscriptionId}.${signature(subscriptionId)}`).toString('base64url');
}

export function unsubscribeUrl(subscriptionId: string): string {
  return absoluteUrl(`/unsubscribe/${unsubscribeToken(subscriptionId)}`);
}

/** The subscription a token names, or null when it is malformed or its signature is wrong. */
export function subscriptionOfToken(token: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(token)) return null;
  const match = /^([A-Za-z0-9_-]{1,64})\.([A-Za-z0-9_-]{43})$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
  if (!match) return null;
  const [, id, given] = match as unknown as [string, string, string];
  const expected = Buffer.from(signature(id));
  const actual = Buffer.from(given);
  return expected.length === actual.length && timingSafeEqual(expected, actual) ? id : null;
}
