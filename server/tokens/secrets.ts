import 'server-only';
import { createHash, randomBytes } from 'node:crypto';

/** Tokens look like `acc_<43 url-safe characters>`; only their SHA-256 is stored. */
export const TOKEN_PREFIX = 'acc_';

export function generateToken(): { token: string; hash: string; prefix: string } {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), prefix: token.slice(0, 10) };
}

// 256 random bits need no slow hash: SHA-256 cannot be brute-forced back to the token.
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
