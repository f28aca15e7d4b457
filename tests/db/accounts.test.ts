import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as me } from '@/app/api/v1/me/route';
import { operatorActor, type Actor } from '@/server/auth/actor';
import { hashPassword } from '@/server/auth/password';
import { actorFromSessionHeaders } from '@/server/auth/session';
import { signIn, signOut } from '@/server/auth/sign-in';
import { changeOwnPasswordCommand, renameSelfCommand, signOutOtherSessionsCommand, signOutSessionCommand } from '@/server/profile/commands';
import { findProfile } from '@/server/profile/queries';
import { createTokenCommand } from '@/server/tokens/commands';
import { createApiToken } from '@/server/tokens/mutations';
import { resetPasswordCommand } from '@/server/users/commands';
import { createUser as createAccount } from '@/server/users/mutations';
import { findUsers } from '@/server/users/queries';
import { createUser } from '@/tests/factories/builders';
import { actorsByRole } from '@/tests/support/actors';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 13, accounts: one's own password, name and sessions; a temporary password from an
// administrator must be replaced before anything else (enforced by the guard, not a redirect);
// "Last sign-in" survives signing out. Through the real sign-in, session lookup, commands, routes.
let t: TestDatabase;
let passwordHash: string;
const PASSWORD = 'my own long password';
const NEW_PASSWORD = 'a brand new long password';
const operator = operatorActor();
let n = 0;

beforeAll(async () => {
  t = await openTestDatabase();
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(() => t?.close());

async function person() {
  const email = `account-${++n}@example.test`;
  const user = await createUser(t.db, { email, role: 'ANALYST', name: `Person ${n}` });
  await t.db.account.create({ data: { userId: user.id, accountId: user.id, providerId: 'credential', password: passwordHash } });
  return { user, email };
}

async function session(email: string, password = PASSWORD, userAgent = 'vitest'): Promise<Headers> {
  const { setCookies } = await signIn({ email, password, ip: `10.13.0.${++n}`, userAgent });
  return new Headers({ cookie: setCookies.map((c) => c.split(';')[0]).join('; ') });
}
const actorOf = async (headers: Headers) => (await actorFromSessionHeaders(headers)) as Actor;
const getMe = (headers: Headers) => me(new Request('http://localhost/api/v1/me', { headers }), { params: Promise.resolve({}) });
const audits = (userId: string, action: string) => t.db.auditEvent.findMany({ where: { entityId: userId, action } });

describe('changing one’s own password', () => {
  it('refuses a wrong current password with a clear message, and changes nothing', async () => {
    const { user, email } = await person();
    const headers = await session(email);
    const result = await changeOwnPasswordCommand(await actorOf(headers), { currentPassword: 'not my password', newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result).toMatchObject({ status: 'error', code: 422, fieldErrors: { currentPassword: ['That is not your current password.'] } });
    await expect(session(email)).resolves.toBeInstanceOf(Headers); // the old password still works
    expect(await audits(user.id, 'user.password-changed')).toHaveLength(0);
  });

  it('refuses a confirmation that differs and a password that is too short, field by field', async () => {
    const { email } = await person();
    const actor = await actorOf(await session(email));
    const result = await changeOwnPasswordCommand(actor, { currentPassword: PASSWORD, newPassword: 'short', confirmPassword: 'shorter' });
    expect(result).toMatchObject({ status: 'error', code: 422 });
    const fields = (result as { fieldErrors: Record<string, string[]> }).fieldErrors;
    expect(fields.newPassword![0]).toMatch(/at least 12 characters/);
    expect(fields.confirmPassword![0]).toMatch(/differ/);
  });

  it('changes it, keeps this session, signs out the others, and audits it once', async () => {
    const { user, email } = await person();
    const laptop = await session(email);
    const phone = await session(email);
    const result = await changeOwnPasswordCommand(await actorOf(laptop), { currentPassword: PASSWORD, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(result).toMatchObject({ status: 'success', message: 'Your password is changed. 1 other session was signed out.' });
    expect((await getMe(laptop)).status).toBe(200);
    expect((await getMe(phone)).status).toBe(401);
    await expect(session(email, PASSWORD)).rejects.toMatchObject({ status: 401 });
    await expect(session(email, NEW_PASSWORD)).resolves.toBeInstanceOf(Headers);
    const [event] = await audits(user.id, 'user.password-changed');
    expect(event).toMatchObject({ actorId: user.id, context: { otherSessionsEnded: 1, wasTemporary: false } });
    expect(JSON.stringify({ ...event, id: String(event!.id) })).not.toContain(NEW_PASSWORD);
  });
});

describe('a temporary password from an administrator', () => {
  it('must be replaced first: the guard refuses every other permission, pages and API alike', async () => {
    const admin = (await actorsByRole(t.db)).ADMIN;
    const created = await createAccount(admin, { email: `temp-${++n}@example.test`, name: 'New Hire', role: 'BUSINESS_DEVELOPMENT' });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: created.id } })).mustChangePassword).toBe(true);
    const headers = await session(created.email, created.temporaryPassword!);
    const actor = await actorOf(headers);
    expect(actor.mustChangePassword).toBe(true);

    const refused = await getMe(headers);
    expect(refused.status).toBe(403);
    expect((await refused.json()).error).toMatch(/Choose your own password first/);
    const tokens = await t.db.apiToken.count();
    expect(await createTokenCommand(actor, { name: 'sneaky' })).toMatchObject({ status: 'error', code: 403 });
    expect(await renameSelfCommand(actor, { name: 'Someone Else' })).toMatchObject({ status: 'error', code: 403 });
    expect(await t.db.apiToken.count()).toBe(tokens);

    const changed = await changeOwnPasswordCommand(actor, { currentPassword: created.temporaryPassword!, newPassword: NEW_PASSWORD, confirmPassword: NEW_PASSWORD });
    expect(changed.status).toBe('success');
    expect((await actorOf(headers)).mustChangePassword).toBeUndefined();
    expect((await getMe(headers)).status).toBe(200);
    expect(await audits(created.id, 'user.password-changed')).toEqual([expect.objectContaining({ context: { otherSessionsEnded: 0, wasTemporary: true } })]);
  });

  it('leaves API tokens working: they are the person’s own credential, not the temporary password', async () => {
    const { user, email } = await person();
    const token = await createApiToken(operator, { ownerId: user.id, name: 'script', readOnly: true });
    await t.db.user.update({ where: { id: user.id }, data: { mustChangePassword: true } });
    const bearer = new Headers({ authorization: `Bearer ${token.token}` });
    expect((await getMe(bearer)).status).toBe(200);
    expect((await getMe(await session(email))).status).toBe(403);
  });

  it('a reset by an administrator: a new temporary password, sessions ended, must change again, audited', async () => {
    const admin = (await actorsByRole(t.db)).ADMIN;
    const { user, email } = await person();
    const before = await session(email);
    const result = await resetPasswordCommand(admin, { userId: user.id, version: user.version });
    expect(result).toMatchObject({ status: 'success' });
    const password = (result as { data: { temporaryPassword: string } }).data.temporaryPassword;
    expect((await getMe(before)).status).toBe(401);
    await expect(session(email, PASSWORD)).rejects.toMatchObject({ status: 401 });
    expect((await actorOf(await session(email, password))).mustChangePassword).toBe(true);
    expect(await audits(user.id, 'user.password-reset')).toHaveLength(1);
  });
});

describe('one’s own sessions', () => {
  it('"Sign out other sessions" ends the others and only them (not this one, not someone else’s)', async () => {
    const { user, email } = await person();
    const stranger = await person();
    const laptop = await session(email, PASSWORD, 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15');
    const phone = await session(email, PASSWORD, 'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Version/17.5 Mobile Safari/604.1');
    const tablet = await session(email);
    const theirs = await session(stranger.email);
    const actor = await actorOf(laptop);

    const profile = await findProfile(actor);
    expect(profile!.sessions).toHaveLength(3);
    expect(profile!.sessions[0]).toMatchObject({ current: true, device: 'Safari on macOS' });
    expect(profile!.sessions.map((s) => s.device)).toContain('Safari on iPhone');

    const result = await signOutOtherSessionsCommand(actor, {});
    expect(result).toMatchObject({ status: 'success', message: 'Signed out 2 other sessions.' });
    expect((await getMe(laptop)).status).toBe(200);
    expect((await getMe(phone)).status).toBe(401);
    expect((await getMe(tablet)).status).toBe(401);
    expect((await getMe(theirs)).status).toBe(200);
    expect(await audits(user.id, 'user.sessions-ended')).toEqual([expect.objectContaining({ actorId: user.id, context: { ended: 2, kept: 1 } })]);
  });

  it('signs out one session of one’s own, but never someone else’s', async () => {
    const { email } = await person();
    const stranger = await person();
    const laptop = await session(email);
    const phone = await session(email);
    const theirs = await session(stranger.email);
    const actor = await actorOf(laptop);
    const theirId = (await actorOf(theirs)).sessionId!;
    expect(await signOutSessionCommand(actor, { sessionId: theirId })).toMatchObject({ status: 'error', code: 422 });
    expect((await getMe(theirs)).status).toBe(200);
    expect(await signOutSessionCommand(actor, { sessionId: actor.sessionId! })).toMatchObject({ status: 'error', code: 422 });
    expect(await signOutSessionCommand(actor, { sessionId: (await actorOf(phone)).sessionId! })).toMatchObject({ status: 'success' });
    expect((await getMe(phone)).status).toBe(401);
    expect((await getMe(laptop)).status).toBe(200);
  });
});

describe('one’s own name', () => {
  it('changes it with an audit row; refuses control characters and overlong text with a message', async () => {
    const { user, email } = await person();
    const actor = await actorOf(await session(email));
    expect(await renameSelfCommand(actor, { name: '  Ana Lee  ' })).toMatchObject({ status: 'success', message: 'Your name is now Ana Lee.' });
    for (const name of ['Ana\u0000Lee', 'Ana\nLee', 'x'.repeat(2000)]) {
      const result = await renameSelfCommand(actor, { name });
      expect(result).toMatchObject({ status: 'error', code: 422 });
      expect((result as { fieldErrors: Record<string, string[]> }).fieldErrors.name![0]).toMatch(/control characters|at most 100/);
    }
    expect(await renameSelfCommand(actor, { name: 'Ana \u202eeeL' })).toMatchObject({ status: 'success' }); // stored as typed; shown isolated (<bdi>)
    expect(await audits(user.id, 'user.name-changed')).toHaveLength(2);
  });
});

describe('last sign-in', () => {
  it('shows the date of the last sign-in even after the person signed out', async () => {
    const { user, email } = await person();
    const before = Date.now();
    const headers = await session(email);
    await signOut(headers);
    expect(await t.db.session.count({ where: { userId: user.id } })).toBe(0);
    const row = (await findUsers()).find((u) => u.id === user.id)!;
    expect(row.lastSignInAt).not.toBeNull();
    expect(Date.parse(row.lastSignInAt!)).toBeGreaterThanOrEqual(before - 1000);
  });
});
