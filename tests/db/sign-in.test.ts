import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actorFromSessionHeaders } from '@/server/auth/session';
import { SIGN_IN_FAILED, signIn } from '@/server/auth/sign-in';
import { recordFailure, signInThrottleKeys, THROTTLE_LIMITS, THROTTLE_WINDOW_SECONDS, throttledFor } from '@/server/auth/throttle';
import { ThrottledError, UnauthenticatedError } from '@/server/errors';
import { createUser as createUserAccount, deactivateUser } from '@/server/users/mutations';
import { createUser } from '@/tests/factories/builders';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

const PASSWORD = 'correct horse battery';
let ipCounter = 0;
const attempt = (email: string, password: string, ip = `10.0.0.${++ipCounter}`) => signIn({ email, password, ip, userAgent: 'vitest' });
const cookieHeader = (setCookies: string[]) => setCookies.map((c) => c.split(';')[0]).join('; ');

describe('sign-in', () => {
  it('signs in with the right password, sets an HttpOnly SameSite=Lax session cookie, and audits it', async () => {
    const user = await createUser(t.db, { email: 'erin@example.test', role: 'EXECUTIVE', password: PASSWORD });
    const result = await attempt('Erin@Example.test', PASSWORD);
    const cookie = result.setCookies.find((c) => c.includes('session_token='));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    const actor = await actorFromSessionHeaders(new Headers({ cookie: cookieHeader(result.setCookies) }));
    expect(actor).toMatchObject({ userId: user.id, role: 'EXECUTIVE', kind: 'user' });
    expect(await t.db.auditEvent.count({ where: { entityId: user.id, action: 'signin.succeeded' } })).toBe(1);
  });

  it('gives the same answer for a wrong password and for an email that does not exist', async () => {
    await createUser(t.db, { email: 'blake@example.test', role: 'BUSINESS_DEVELOPMENT', password: PASSWORD });
    const wrong = await attempt('blake@example.test', 'nope').catch((e: unknown) => e);
    const unknown = await attempt('nobody@example.test', 'nope').catch((e: unknown) => e);
    expect(wrong).toBeInstanceOf(UnauthenticatedError);
    expect(unknown).toBeInstanceOf(UnauthenticatedError);
    expect((wrong as Error).message).toBe(SIGN_IN_FAILED);
    expect((unknown as Error).message).toBe(SIGN_IN_FAILED);
    expect(await t.db.auditEvent.count({ where: { action: 'signin.failed' } })).toBeGreaterThanOrEqual(2);
  });

  it(`locks an account for the window after ${THROTTLE_LIMITS.account} failures, even from new IPs and with the right password`, async () => {
    await createUser(t.db, { email: 'ana@example.test', role: 'ANALYST', password: PASSWORD });
    for (let i = 0; i < THROTTLE_LIMITS.account; i++) await expect(attempt('ana@example.test', 'wrong')).rejects.toThrow(UnauthenticatedError);
    const error = await attempt('ana@example.test', PASSWORD).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ThrottledError);
    expect((error as ThrottledError).retryAfterSeconds).toBeGreaterThan(0);
    expect((error as ThrottledError).retryAfterSeconds).toBeLessThanOrEqual(THROTTLE_WINDOW_SECONDS);
    expect(await t.db.auditEvent.count({ where: { action: 'signin.throttled', entityId: 'ana@example.test' } })).toBe(1);
  });

  it(`throttles one IP after ${THROTTLE_LIMITS.ip} failures across any accounts`, async () => {
    const ip = '192.0.2.77';
    await recordFailure(signInThrottleKeys('spray-0@example.test', ip).slice(1), Date.now());
    for (let i = 1; i < THROTTLE_LIMITS.ip; i++) await recordFailure(signInThrottleKeys(`spray-${i}@example.test`, ip).slice(1));
    await expect(attempt('fresh@example.test', 'whatever', ip)).rejects.toThrow(ThrottledError);
    await expect(attempt('fresh@example.test', 'whatever', '192.0.2.78')).rejects.toThrow(UnauthenticatedError);
  });

  it('counts concurrent failures exactly (the counter is one atomic upsert)', async () => {
    const keys = signInThrottleKeys('race@example.test', '198.51.100.1');
    await Promise.all(Array.from({ length: 12 }, () => recordFailure(keys)));
    const row = await t.db.rateLimit.findUniqueOrThrow({ where: { key: keys[0]!.key } });
    expect(row.count).toBe(12);
    expect(await throttledFor(keys)).toBeGreaterThan(0);
  });

  it('refuses a deactivated user, and their open session ends at once', async () => {
    const user = await createUser(t.db, { email: 'gone@example.test', role: 'ANALYST', password: PASSWORD });
    const result = await attempt('gone@example.test', PASSWORD);
    const headers = new Headers({ cookie: cookieHeader(result.setCookies) });
    expect(await actorFromSessionHeaders(headers)).not.toBeNull();
    await deactivateUser({ kind: 'operator', userId: null, role: null, label: 'test' }, { userId: user.id, version: 1 });
    expect(await actorFromSessionHeaders(headers)).toBeNull();
    await expect(attempt('gone@example.test', PASSWORD)).rejects.toThrow(SIGN_IN_FAILED);
  });

  it('ends a session left idle longer than the idle limit', async () => {
    const user = await createUser(t.db, { email: 'idle@example.test', role: 'EXECUTIVE', password: PASSWORD });
    const result = await attempt('idle@example.test', PASSWORD);
    const headers = new Headers({ cookie: cookieHeader(result.setCookies) });
    expect(await actorFromSessionHeaders(headers)).not.toBeNull();
    await t.db.$executeRaw`UPDATE sessions SET "updatedAt" = now() - interval '9 hours' WHERE "userId" = ${user.id}`;
    expect(await actorFromSessionHeaders(headers)).toBeNull();
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it('lets a person created by an administrator sign in with the temporary password', async () => {
    const operator = { kind: 'operator' as const, userId: null, role: null, label: 'test' };
    const created = await createUserAccount(operator, { email: 'new.hire@example.test', name: 'New Hire', role: 'ANALYST' });
    const result = await attempt('new.hire@example.test', created.temporaryPassword!);
    const actor = await actorFromSessionHeaders(new Headers({ cookie: cookieHeader(result.setCookies) }));
    expect(actor).toMatchObject({ userId: created.id, role: 'ANALYST' });
  });

  it('refuses a forged or tampered session cookie', async () => {
    await createUser(t.db, { email: 'mallory-target@example.test', role: 'ADMIN', password: PASSWORD });
    const result = await attempt('mallory-target@example.test', PASSWORD);
    const real = cookieHeader(result.setCookies);
    const tampered = real.replace(/session_token=([^.]+)\./, 'session_token=$1x.');
    expect(await actorFromSessionHeaders(new Headers({ cookie: tampered }))).toBeNull();
    expect(await actorFromSessionHeaders(new Headers({ cookie: 'better-auth.session_token=forged.value' }))).toBeNull();
  });
});
