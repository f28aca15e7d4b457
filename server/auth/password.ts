import 'server-only';
import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with Node's scrypt at OWASP's recommended strength
 * (Password Storage Cheat Sheet: N=2^17, r=8, p=1). The parameters are stored with each hash so
 * they can be raised later without invalidating existing passwords.
 * Format: scrypt$<N>$<r>$<p>$<salt b64>$<key b64>
 */
const PARAMS = { N: 2 ** 17, r: 8, p: 1 } as const;

/**
 * Vitest alone may lower N (ACCORD_TEST_SCRYPT_LOG2N, set in vitest.config.ts): the data-layer
 * suite hashes and verifies hundreds of passwords on two engines, at ~0.4 s of CPU each at full
 * strength (docs/decisions/010-test-suite.md). Outside Vitest the variable is ignored, and the
 * browser tests run the production server at full strength.
 */
function hashParams(): { N: number; r: number; p: number } {
  const log2 = Number(process.env.VITEST ? process.env.ACCORD_TEST_SCRYPT_LOG2N : undefined);
  return Number.isInteger(log2) && log2 >= 10 && log2 < 17 ? { ...PARAMS, N: 2 ** log2 } : PARAMS;
}
const KEY_LENGTH = 64;

function derive(password: string, salt: Buffer, params: { N: number; r: number; p: number }): Promise<Buffer> {
  const options: ScryptOptions = { ...params, maxmem: 256 * params.N * params.r };
  return new Promise((resolve, reject) =>
    scrypt(password.normalize('NFKC'), salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    ),
  );
}

export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const params = hashParams();
  const key = await derive(password, salt, params);
  return ['scrypt', params.N, params.r, params.p, salt.toString('base64'), key.toString('base64')].join('$');
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  const [scheme, n, r, p, salt, key] = hash.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), { N: Number(n), r: Number(r), p: Number(p) });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
