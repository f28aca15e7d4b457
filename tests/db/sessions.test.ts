import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as me } from '@/app/api/v1/me/route';
import { PATCH as patchMilestone } from '@/app/api/v1/milestones/[id]/route';
import { operatorActor } from '@/server/auth/actor';
import { hashPassword } from '@/server/auth/password';
import { actorFromSessionHeaders } from '@/server/auth/session';
import { signIn, signOut } from '@/server/auth/sign-in';
import { updateMilestoneCommand } from '@/server/milestones/commands';
import { createApiToken, revokeApiToken } from '@/server/tokens/mutations';
import { changeUserRole, deactivateUser } from '@/server/users/mutations';
import { createMilestone, createPartnership, createUser } from '@/tests/factories/builders';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 8, sessions: a revoked session, a deactivated user, a changed role, an expired or revoked
// token is refused on its VERY NEXT request, through the real route handlers and commands, and
// the refused request writes nothing. (The browser side, a form loaded before the session ended:
// e2e/sessions.spec.ts.)
let t: TestDatabase;
let partnershipId: string;
let passwordHash: string; // hashed once: scrypt at full strength is slow on purpose
const PASSWORD = 'a long enough password';
const operator = operatorActor();
let n = 0;

beforeAll(async () => {
  t = await openTestDatabase();
  const owner = await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' });
  partnershipId = (await createPartnership(t.db, { ownerId: owner.id })).id;
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(() => t?.close());

async function person(role: 'BUSINESS_DEVELOPMENT' | 'ANALYST' | 'ADMIN' = 'BUSINESS_DEVELOPMENT') {
  const email = `session-${++n}@example.test`;
  const user = await createUser(t.db, { email, role });
  await t.db.account.create({ data: { userId: user.id, accountId: user.id, providerId: 'credential', password: passwordHash } });
  return { user, email };
}

async function session(email: string): Promise<Headers> {
  const { setCookies } = await signIn({ email, password: PASSWORD, ip: `10.9.0.${++n}`, userAgent: 'vitest' });
  // As a browser on the site sends it: the cookie, and its own origin on a write (the CSRF check).
  return new Headers({ cookie: setCookies.map((c) => c.split(';')[0]).join('; '), origin: 'http://localhost', 'x-forwarded-host': 'localhost' });
}

const url = (path: string) => `http://localhost${path}`;
const getMe = (headers: Headers) => me(new Request(url('/api/v1/me'), { headers }), { params: Promise.resolve({}) });
const patch = (id: string, headers: Headers, body: unknown) =>
  patchMilestone(
    new Request(url(`/api/v1/milestones/${id}`), { method: 'PATCH', headers: { ...Object.fromEntries(headers), 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    { params: Promise.resolve({ id }) },
  );
const bearer = (token: string) => new Headers({ authorization: `Bearer ${token}` });

async function milestone() {
  return createMilestone(t.db, { partnershipId, title: `Session check ${++n}` });
}

/** The milestone is exactly as created and nobody wrote an audit row about it. */
async function expectUntouched(id: string) {
  const row = await t.db.milestone.findUniqueOrThrow({ where: { id } });
  expect(row.version).toBe(1);
  expect(await t.db.auditEvent.count({ where: { entityId: id } })).toBe(0);
}

describe('a session ends on its very next request', () => {
  it('signing out ends that session (and only that one)', async () => {
    const { email } = await person();
    const laptop = await session(email);
    const phone = await session(email);
    expect((await getMe(laptop)).status).toBe(200);
    await signOut(laptop);
    expect((await getMe(laptop)).status).toBe(401);
    expect((await getMe(phone)).status).toBe(200);
  });

  it('a session row deleted elsewhere (revoked) refuses the next write, which changes nothing', async () => {
    const { user, email } = await person();
    const headers = await session(email);
    const m = await milestone();
    expect((await getMe(headers)).status).toBe(200); // valid a moment ago
    await t.db.session.deleteMany({ where: { userId: user.id } });
    const response = await patch(m.id, headers, { version: 1, title: 'Written after revocation' });
    expect(response.status).toBe(401);
    expect((await response.json()).error).toMatch(/Sign in/);
    await expectUntouched(m.id);
  });

  it('a session past its absolute expiry is refused', async () => {
    const { user, email } = await person();
    const headers = await session(email);
    await t.db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await actorFromSessionHeaders(headers)).toBeNull();
    expect((await getMe(headers)).status).toBe(401);
  });

  it("deactivating a person refuses their session and their tokens at once, and nothing they send is written", async () => {
    const { user, email } = await person();
    const headers = await session(email);
    const { token } = await createApiToken(operator, { ownerId: user.id, name: 'sync', readOnly: false });
    const m = await milestone();
    expect((await getMe(bearer(token))).status).toBe(200);
    await deactivateUser(operator, { userId: user.id, version: 1 });
    const viaSession = await patch(m.id, headers, { version: 1, title: 'After deactivation (session)' });
    const viaToken = await patch(m.id, bearer(token), { version: 1, title: 'After deactivation (token)' });
    expect(viaSession.status).toBe(401);
    expect(viaToken.status).toBe(401);
    expect((await viaToken.json()).error).toMatch(/deactivated/);
    await expectUntouched(m.id);
  });

  it('a role taken away applies to the next request of an open session', async () => {
    const { user, email } = await person('BUSINESS_DEVELOPMENT');
    const headers = await session(email);
    const m = await milestone();
    expect((await patch(m.id, headers, { version: 1, title: 'Allowed' })).status).toBe(200);
    await changeUserRole(operator, { userId: user.id, version: 1, role: 'ANALYST' });
    const refused = await patch(m.id, headers, { version: 2, title: 'No longer allowed' });
    expect(refused.status).toBe(403);
    expect((await t.db.milestone.findUniqueOrThrow({ where: { id: m.id } })).title).toBe('Allowed');
  });

  it('a revoked token and an expired token are refused on their next request, writing nothing', async () => {
    const { user } = await person();
    const actor = { kind: 'user' as const, userId: user.id, role: 'BUSINESS_DEVELOPMENT' as const, label: 'owner' };
    const revoked = await createApiToken(actor, { ownerId: user.id, name: 'revoked', readOnly: false });
    const expiring = await createApiToken(actor, { ownerId: user.id, name: 'expiring', readOnly: false, expiresInDays: 1 });
    const m = await milestone();
    expect((await getMe(bearer(revoked.token))).status).toBe(200);
    expect((await getMe(bearer(expiring.token))).status).toBe(200);
    await revokeApiToken(actor, { tokenId: revoked.id });
    await t.db.apiToken.update({ where: { id: expiring.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const a = await patch(m.id, bearer(revoked.token), { version: 1, title: 'With a revoked token' });
    const b = await patch(m.id, bearer(expiring.token), { version: 1, title: 'With an expired token' });
    expect([a.status, b.status]).toEqual([401, 401]);
    expect((await a.json()).error).toMatch(/revoked/);
    expect((await b.json()).error).toMatch(/expired/);
    await expectUntouched(m.id);
  });

  it('a form loaded while signed in and submitted after the session was revoked is refused, nothing written', async () => {
    // What the server action does with the form: the session is looked up when it is submitted.
    const { user, email } = await person();
    const headers = await session(email);
    const m = await milestone();
    const loadedVersion = (await t.db.milestone.findUniqueOrThrow({ where: { id: m.id } })).version; // the page render
    await t.db.session.deleteMany({ where: { userId: user.id } }); // signed out elsewhere
    const state = await updateMilestoneCommand(() => actorFromSessionHeaders(headers), { id: m.id, version: String(loadedVersion), title: 'Typed before' });
    expect(state).toMatchObject({ status: 'error', code: 401, values: { title: 'Typed before' } });
    await expectUntouched(m.id);
  });
});
