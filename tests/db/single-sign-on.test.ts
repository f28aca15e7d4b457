import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { userActor } from '@/server/auth/actor';
import { PasswordSignInOffError, SIGN_IN_FAILED, signIn } from '@/server/auth/sign-in';
import { updateSignInPolicyCommand } from '@/server/sso/commands';
import { ssoConfig } from '@/server/sso/config';
import { findSignInPolicy, passwordOffFor } from '@/server/sso/policy';
import { admitSsoProfile } from '@/server/sso/provision';
import { createUser } from '@/tests/factories/builders';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 18: single sign-on's rules on a real database (both engines). The protocol itself (state,
// PKCE, code exchange, ID token checks) is better-auth's, exercised end to end against a real
// provider in e2e/sso.spec.ts; here: who is admitted, created or refused, and password sign-in per domain.
let t: TestDatabase;
let admin: ReturnType<typeof userActor>;
beforeAll(async () => {
  t = await openTestDatabase();
  const person = await createUser(t.db, { email: 'sso-admin@example.test', role: 'ADMIN' });
  admin = userActor({ ...person, role: 'ADMIN' });
});
afterAll(() => t?.close());

const SSO_ENV = { ACCORD_OIDC_ISSUER: 'https://idp.example.test', ACCORD_OIDC_CLIENT_ID: 'accord', ACCORD_OIDC_CLIENT_SECRET: 'secret' };
afterEach(() => {
  for (const key of Object.keys(SSO_ENV)) delete process.env[key];
});

async function setPolicy(newUserRole: string, passwordOffDomains = '') {
  const { version } = await findSignInPolicy();
  const result = await updateSignInPolicyCommand(admin, { newUserRole, passwordOffDomains, version: String(version) });
  expect(result.status, JSON.stringify(result)).toBe('success');
}

const audits = (action: string, entityId?: string) => t.db.auditEvent.count({ where: { action, ...(entityId ? { entityId } : {}) } });

describe('configuration by environment', () => {
  it('is off without the three variables, and off (not half on) with some of them', () => {
    expect(ssoConfig({})).toBeNull();
    expect(ssoConfig({ ACCORD_OIDC_ISSUER: 'https://idp.example.test' })).toBeNull();
    expect(ssoConfig({ ...SSO_ENV, ACCORD_OIDC_ISSUER: 'not a url' })).toBeNull();
    expect(ssoConfig({ ...SSO_ENV, ACCORD_OIDC_ISSUER: 'https://idp.example.test/', ACCORD_OIDC_LABEL: 'Okta' })).toEqual({
      issuer: 'https://idp.example.test', clientId: 'accord', clientSecret: 'secret', label: 'Okta',
      discoveryUrl: 'https://idp.example.test/.well-known/openid-configuration',
    });
  });
});

describe('who single sign-on admits', () => {
  it('matches an existing person by the verified email, whatever its case', async () => {
    const person = await createUser(t.db, { email: 'match@example.test', role: 'BUSINESS_DEVELOPMENT' });
    const verdict = await admitSsoProfile({ sub: 'x1', email: 'Match@Example.test', email_verified: true });
    expect(verdict).toEqual({ admitted: true, userId: person.id, email: 'match@example.test', created: false });
  });

  it('refuses an email the provider has not verified, even of an existing person: nothing created, the refusal audited', async () => {
    await createUser(t.db, { email: 'taken-over@example.test', role: 'ADMIN' });
    const users = await t.db.user.count();
    for (const email_verified of [false, 'false', undefined, 'yes', 1]) {
      const verdict = await admitSsoProfile({ sub: 'x2', email: 'taken-over@example.test', email_verified });
      expect(verdict).toMatchObject({ admitted: false, reason: 'unverified' });
    }
    await setPolicy('ANALYST');
    expect(await admitSsoProfile({ sub: 'x3', email: 'stranger@example.test', email_verified: false })).toMatchObject({ admitted: false, reason: 'unverified' });
    expect(await t.db.user.count()).toBe(users);
    const refusal = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'signin.failed', entityId: 'stranger@example.test' }, orderBy: { id: 'desc' } });
    expect(refusal.context).toMatchObject({ method: 'single sign-on', reason: 'single sign-on: email not verified by the provider' });
    await setPolicy('REFUSE');
  });

  it('refuses a deactivated person and a profile without a usable email', async () => {
    const gone = await createUser(t.db, { email: 'gone-sso@example.test', role: 'ANALYST' });
    await t.db.user.update({ where: { id: gone.id }, data: { deactivatedAt: new Date() } });
    expect(await admitSsoProfile({ sub: 'x4', email: 'gone-sso@example.test', email_verified: true })).toMatchObject({ admitted: false, reason: 'deactivated' });
    expect(await audits('signin.failed', gone.id)).toBe(1);
    for (const email of [undefined, '', 'not an email', 42]) {
      expect(await admitSsoProfile({ sub: 'x5', email, email_verified: true })).toMatchObject({ admitted: false, reason: 'no-email' });
    }
  });

  it('refuses someone new by default: no account is created', async () => {
    expect((await findSignInPolicy()).ssoNewUserRole).toBeNull();
    const verdict = await admitSsoProfile({ sub: 'x6', email: 'newbie@example.test', email_verified: true });
    expect(verdict).toMatchObject({ admitted: false, reason: 'no-account' });
    expect(await t.db.user.findUnique({ where: { email: 'newbie@example.test' } })).toBeNull();
  });

  it('creates someone new with the role the administrator chose, verified, without a password, audited in the same transaction', async () => {
    await setPolicy('BUSINESS_DEVELOPMENT');
    const verdict = await admitSsoProfile({ sub: 'x7', email: 'first-timer@example.test', email_verified: 'true', name: '  Fran First  ' }, { ip: '203.0.113.9' });
    expect(verdict).toMatchObject({ admitted: true, created: true, email: 'first-timer@example.test' });
    const user = await t.db.user.findUniqueOrThrow({ where: { email: 'first-timer@example.test' }, include: { accounts: true } });
    expect(user).toMatchObject({ name: 'Fran First', role: 'BUSINESS_DEVELOPMENT', emailVerified: true, organizationId: null, mustChangePassword: false });
    expect(user.accounts).toEqual([]);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'user.provisioned', entityId: user.id } });
    expect(event).toMatchObject({ actorLabel: 'single sign-on', after: { email: 'first-timer@example.test', role: 'BUSINESS_DEVELOPMENT' } });
    expect(event.context).toMatchObject({ ip: '203.0.113.9' });
    // The second time, the same person is matched, not created again.
    expect(await admitSsoProfile({ sub: 'x7', email: 'first-timer@example.test', email_verified: true })).toMatchObject({ admitted: true, created: false, userId: user.id });
    expect(await audits('user.provisioned', user.id)).toBe(1);
    await setPolicy('REFUSE');
  });

  it('the same first sign-in twice at once makes one account', async () => {
    await setPolicy('ANALYST');
    const both = await Promise.all([1, 2].map(() => admitSsoProfile({ sub: 'x8', email: 'twice@example.test', email_verified: true })));
    expect(both.every((v) => v.admitted)).toBe(true);
    expect(new Set(both.map((v) => (v.admitted ? v.userId : '')))).toHaveProperty('size', 1);
    expect(await t.db.user.count({ where: { email: 'twice@example.test' } })).toBe(1);
    await setPolicy('REFUSE');
  });
});

describe('the sign-in settings', () => {
  it('never makes partners or administrators, says what is wrong per field, and writes nothing then', async () => {
    const before = await findSignInPolicy();
    for (const [input, field] of [
      [{ newUserRole: 'PARTNER', passwordOffDomains: '' }, 'newUserRole'],
      [{ newUserRole: 'ADMIN', passwordOffDomains: '' }, 'newUserRole'],
      [{ newUserRole: 'REFUSE', passwordOffDomains: 'example.com\nnot a domain!' }, 'passwordOffDomains'],
    ] as const) {
      const result = await updateSignInPolicyCommand(admin, { ...input, version: String(before.version) });
      expect(result).toMatchObject({ status: 'error', code: 422 });
      expect(Object.keys((result as { fieldErrors: Record<string, string[]> }).fieldErrors)).toEqual([field]);
    }
    expect(await findSignInPolicy()).toEqual(before);
    // The database says the same about partners.
    await expect(t.db.$executeRawUnsafe(`UPDATE sign_in_policy SET "ssoNewUserRole" = 'PARTNER'`)).rejects.toThrow();
  });

  it('keeps domains lower case, sorted and once; refuses a stale form with 409; audits each change once', async () => {
    const { version } = await findSignInPolicy();
    const auditsBefore = await audits('signin.policy-changed');
    const saved = await updateSignInPolicyCommand(admin, { newUserRole: 'REFUSE', passwordOffDomains: '@Corp.Example, b.example\ncorp.example', version: String(version) });
    expect(saved).toMatchObject({ status: 'success', message: 'Saved how people sign in.' });
    expect((await findSignInPolicy()).passwordOffDomains).toEqual(['b.example', 'corp.example']);
    const stale = await updateSignInPolicyCommand(admin, { newUserRole: 'ANALYST', passwordOffDomains: '', version: String(version) });
    expect(stale).toMatchObject({ status: 'error', code: 409 });
    const current = await findSignInPolicy();
    const same = await updateSignInPolicyCommand(admin, { newUserRole: 'REFUSE', passwordOffDomains: 'corp.example b.example', version: String(current.version) });
    expect(same).toMatchObject({ status: 'success', message: 'Nothing changed.' });
    expect(await audits('signin.policy-changed')).toBe(auditsBefore + 1);
    const event = await t.db.auditEvent.findFirstOrThrow({ where: { action: 'signin.policy-changed' }, orderBy: { id: 'desc' } });
    expect(event.after).toMatchObject({ passwordOffDomains: ['b.example', 'corp.example'] });
    await setPolicy('REFUSE', '');
  });

  it('is for administrators only, checked before the input is read', async () => {
    const analyst = await createUser(t.db, { role: 'ANALYST' });
    const result = await updateSignInPolicyCommand(userActor({ ...analyst, role: 'ANALYST' }), { newUserRole: 'nonsense' });
    expect(result).toMatchObject({ status: 'error', code: 403 });
  });
});

describe('password sign-in turned off for a domain', () => {
  const PASSWORD = 'a password of theirs';

  it('refuses the password of anyone in the domain, right or wrong, before checking it; others sign in as before', async () => {
    Object.assign(process.env, SSO_ENV);
    await createUser(t.db, { email: 'pat@sso-only.example', role: 'ANALYST', password: PASSWORD });
    await createUser(t.db, { email: 'quinn@elsewhere.example', role: 'ANALYST', password: PASSWORD });
    await setPolicy('REFUSE', 'sso-only.example');
    expect(await passwordOffFor('Pat@SSO-only.example')).toBe('sso-only.example');
    for (const [email, password] of [['pat@sso-only.example', PASSWORD], ['PAT@sso-only.example', 'wrong'], ['nobody@sso-only.example', 'x']]) {
      const error = await signIn({ email: email!, password: password!, ip: '198.51.100.30', userAgent: 'vitest' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PasswordSignInOffError);
      expect((error as Error).message).toBe('People at sso-only.example sign in with single sign-on, not with a password.');
    }
    expect(await t.db.auditEvent.count({ where: { action: 'signin.failed', entityId: 'pat@sso-only.example' } })).toBeGreaterThanOrEqual(2);
    await expect(signIn({ email: 'quinn@elsewhere.example', password: PASSWORD, ip: '198.51.100.31', userAgent: 'vitest' })).resolves.toHaveProperty('userId');
    await expect(signIn({ email: 'quinn@elsewhere.example', password: 'wrong', ip: '198.51.100.31', userAgent: 'vitest' })).rejects.toThrow(SIGN_IN_FAILED);
  });

  it('is not enforced while single sign-on is not configured (nobody is locked out)', async () => {
    await setPolicy('REFUSE', 'sso-only.example');
    expect(await passwordOffFor('pat@sso-only.example')).toBeNull();
    await expect(signIn({ email: 'pat@sso-only.example', password: PASSWORD, ip: '198.51.100.32', userAgent: 'vitest' })).resolves.toHaveProperty('userId');
    await setPolicy('REFUSE', '');
  });
});
