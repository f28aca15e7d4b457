import 'server-only';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Signing webhook deliveries (docs/api.md, "Webhooks"; docs/decisions/016-webhooks.md). The
 * `Accord-Signature` header is `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`: the
 * scheme Stripe and Slack use, so receivers know it. The timestamp is inside the signed text, so
 * a receiver that refuses timestamps older than five minutes cannot be replayed an old delivery
 * (a retry is signed afresh when it is sent). Node's own crypto; no library needed for one HMAC.
 */
export const SIGNATURE_HEADER = 'Accord-Signature';
export const SECRET_PREFIX = 'whsec_';
/** How old a signed timestamp a receiver should accept (and how far in the future). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/** A new signing secret: 32 random bytes, URL-safe, with a prefix that says what it is. */
export function generateWebhookSecret(): string {
  return `${SECRET_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** What lists show of a secret: its last four characters. */
export function secretHint(secret: string): string {
  return `…${secret.slice(-4)}`;
}

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The `Accord-Signature` value for `body` sent at `at`. */
export function signWebhook(secret: string, body: string, at: Date): string {
  const t = Math.floor(at.getTime() / 1000);
  return `t=${t},v1=${hmac(secret, t, body)}`;
}

export type Verification = { ok: true; timestamp: number } | { ok: false; reason: string };

/**
 * What a receiver does (the same code as docs/api.md's example): parse the header, refuse a
 * timestamp more than five minutes away from now (a replay), recompute the HMAC over the raw body
 * and compare in constant time. Several `v1=` values are accepted (any one matching).
 */
export function verifyWebhookSignature(secret: string, header: string | null | undefined, rawBody: string, now: Date = new Date(), toleranceSeconds = SIGNATURE_TOLERANCE_SECONDS): Verification {
  if (!header) return { ok: false, reason: 'No Accord-Signature header.' };
  const parts = header.split(',').map((p) => p.trim().split('=') as [string, string | undefined]);
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const signatures = parts.filter(([k, v]) => k === 'v1' && v).map(([, v]) => v!);
  if (!Number.isSafeInteger(t) || !signatures.length) return { ok: false, reason: 'The header is not t=<seconds>,v1=<signature>.' };
  if (Math.abs(Math.floor(now.getTime() / 1000) - t) > toleranceSeconds) return { ok: false, reason: 'The timestamp is more than five minutes old (or ahead): a replay, or a clock off.' };
  const expected = Buffer.from(hmac(secret, t, rawBody), 'hex');
  const match = signatures.some((s) => {
    const given = Buffer.from(s, 'hex');
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return match ? { ok: true, timestamp: t } : { ok: false, reason: 'The signature does not match the body (wrong secret, or the body was changed).' };
}
