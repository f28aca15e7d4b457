import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/server/auth/password';

const lowered = process.env.ACCORD_TEST_SCRYPT_LOG2N;
const vitest = process.env.VITEST;
afterEach(() => {
  process.env.ACCORD_TEST_SCRYPT_LOG2N = lowered;
  process.env.VITEST = vitest;
});

describe('password hashing', () => {
  it('stores scrypt at OWASP strength with a fresh salt and verifies only the right password', async () => {
    delete process.env.ACCORD_TEST_SCRYPT_LOG2N;
    const a = await hashPassword('accord-demo');
    const b = await hashPassword('accord-demo');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'accord-demo')).toBe(true);
    expect(await verifyPassword(a, 'accord-demO')).toBe(false);
    expect(await verifyPassword('garbage', 'accord-demo')).toBe(false);
  });

  it('lets only Vitest lower the cost: outside it the variable is ignored', async () => {
    process.env.ACCORD_TEST_SCRYPT_LOG2N = '12';
    expect(await hashPassword('x')).toMatch(/^scrypt\$4096\$8\$1\$/);
    delete process.env.VITEST;
    expect(await hashPassword('x')).toMatch(/^scrypt\$131072\$8\$1\$/);
    process.env.ACCORD_TEST_SCRYPT_LOG2N = '3';
    process.env.VITEST = 'true';
    expect(await hashPassword('x')).toMatch(/^scrypt\$131072\$8\$1\$/);
  });
});
