import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '@/server/auth/password';

describe('password hashing', () => {
  it('stores scrypt at OWASP strength with a fresh salt and verifies only the right password', async () => {
    const a = await hashPassword('accord-demo');
    const b = await hashPassword('accord-demo');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword(a, 'accord-demo')).toBe(true);
    expect(await verifyPassword(a, 'accord-demO')).toBe(false);
    expect(await verifyPassword('garbage', 'accord-demo')).toBe(false);
  });
});
