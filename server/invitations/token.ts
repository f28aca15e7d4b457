import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/**
 * An invitation's one-time link (issue 17): 32 random bytes, base64url (43 characters). Only its
 * SHA-256 is stored, so a copy of the database (a backup, a leaked dump) cannot accept anyone's
 * invitation; the token is shown once to the inviter and mailed to the invitee. A fast hash is
 * enough: the token has 256 bits of entropy, so there is nothing to guess by brute force.
 */
const TOKEN_BYTES = 32;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export function newInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(TOKEN_BYTES).toString('base64url');
  return { token, tokenHash: hashInvitationToken(token) };
}

export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/** The hash to look up, or null for something that cannot be one of our tokens (cut, tampered). */
export function lookupHash(token: unknown): string | null {
  return typeof token === 'string' && TOKEN_SHAPE.test(token) ? hashInvitationToken(token) : null;
}

export function invitationPath(token: string): string {
  return `/invitation/${token}`;
}
