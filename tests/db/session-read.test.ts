import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auth } from '@/server/auth/better-auth';
import { hashPassword } from '@/server/auth/password';
import { actorFromSessionHeaders, signedSessionToken } from '@/server/auth/session';
import { readDataVersions, type DataVersions } from '@/server/cache/versioned';
import { signIn } from '@/server/auth/sign-in';
import { createUser } from '@/tests/factories/builders';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// The session read on every page and API call (server/auth/session.ts, decision 025) is one
// statement of ours, not better-auth's getSession. Here both read the same cookies, made from a real
// sign-in and bent every way a cookie can be bent, and must find the same session or none.
let t: TestDatabase;
let passwordHash: string;
const PASSWORD = 'a long enough password';
let n = 0;

beforeAll(async () => {
  t = await openTestDatabase();
  passwordHash = await hashPassword(PASSWORD);
});
afterAll(() => t?.close());

/** A person signed in for real: the cookie pair as better-auth set it (name, value as sent). */
async function signedIn() {
  const email = `session-read-${++n}@example.test`;
  const user = await createUser(t.db, { email, role: 'ANALYST' });
  await t.db.account.create({ data: { userId: user.id, accountId: user.id, providerId: 'credential', password: passwordHash } });
  const { setCookies } = await signIn({ email, password: PASSWORD, ip: `10.8.0.${n}`, userAgent: 'vitest' });
  const name = (await auth().$context).authCookies.sessionToken.name;
  const pair = setCookies.map((c) => c.split(';')[0]!).find((c) => c.startsWith(`${name}=`))!;
  expect(pair, 'the sign-in set the session cookie').toBeTruthy();
  return { user, name, value: pair.slice(name.length + 1) };
}

/** What better-auth's own getSession finds for these headers, as the app called it before. */
async function betterAuthUserId(cookie: string): Promise<string | null> {
  const found = await auth().api.getSession({ headers: new Headers({ cookie }), query: { disableRefresh: true, disableCookieCache: true } });
  return found?.user.id ?? null;
}

async function oursUserId(cookie: string): Promise<string | null> {
  return (await actorFromSessionHeaders(new Headers({ cookie })))?.userId ?? null;
}

describe('the session read agrees with better-auth on every kind of cookie', () => {
  it('finds the same person, or nobody, for each variant of a real session cookie', async () => {
    const a = await signedIn();
    const b = await signedIn();
    const decoded = decodeURIComponent(a.value);
    const [token, signature] = [decoded.slice(0, decoded.lastIndexOf('.')), decoded.slice(decoded.lastIndexOf('.') + 1)];
    const otherSignature = decodeURIComponent(b.value).split('.').at(-1)!;
    const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
    // The signature's last character (before '=') carries 4 bits of the HMAC and 2 unused bits:
    // changing a used bit forges it, changing an unused one spells the same bytes differently.
    const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    const lastBits = (s: string, xor: number) => s.slice(0, 42) + B64[B64.indexOf(s[42]!) ^ xor] + s.slice(43);
    const variants: Record<string, { cookie: string; who: string | null }> = {
      'as set': { cookie: `${a.name}=${a.value}`, who: a.user.id },
      'decoded (no %-escapes)': { cookie: `${a.name}=${decoded}`, who: a.user.id },
      'quoted': { cookie: `${a.name}="${a.value}"`, who: a.user.id },
      'among other cookies': { cookie: `theme=dark; ${a.name}=${a.value}; x=1`, who: a.user.id },
      'first of two, the second forged': { cookie: `${a.name}=${a.value}; ${a.name}=${token}.${otherSignature}`, who: a.user.id },
      'second of two, the first forged': { cookie: `${a.name}=${token}.${otherSignature}; ${a.name}=${a.value}`, who: null },
      'no cookie': { cookie: '', who: null },
      'another cookie only': { cookie: 'theme=dark', who: null },
      'token without signature': { cookie: `${a.name}=${token}`, who: null },
      'token and a dot': { cookie: `${a.name}=${token}.`, who: null },
      'another session\'s signature': { cookie: `${a.name}=${token}.${otherSignature}`, who: null },
      'signature changed at its start': { cookie: `${a.name}=${token}.${flip(signature, 0)}`, who: null },
      'signature changed at its end': { cookie: `${a.name}=${token}.${lastBits(signature, 0b000100)}`, who: null },
      'signature changed in its last full character': { cookie: `${a.name}=${token}.${flip(signature, 41)}`, who: null },
      'the same signature with an unused bit set otherwise': { cookie: `${a.name}=${token}.${lastBits(signature, 0b000001)}`, who: a.user.id },
      'the same signature with both unused bits set otherwise': { cookie: `${a.name}=${token}.${lastBits(signature, 0b000011)}`, who: a.user.id },
      'a signature that is not base64': { cookie: `${a.name}=${token}.${signature.slice(0, 20)}*${signature.slice(21)}`, who: null },
      'signature shortened': { cookie: `${a.name}=${token}.${signature.slice(1)}`, who: null },
      'token changed, signature kept': { cookie: `${a.name}=${flip(token, 3)}.${signature}`, who: null },
      'signature only': { cookie: `${a.name}=.${signature}`, who: null },
      'the secure-prefixed name on a plain-HTTP app': { cookie: `__Secure-${a.name}=${a.value}`, who: null },
      'the name without its prefix': { cookie: `session_token=${a.value}`, who: null },
      'a control character in the value': { cookie: `${a.name}=${token}\u0001.${signature}`, who: null },
      // A header holds bytes: a right-to-left mark arrives %-escaped.
      'a right-to-left mark in the value': { cookie: `${a.name}=%E2%80%8F${a.value}`, who: null },
      'a 2,000-character token': { cookie: `${a.name}=${'x'.repeat(2000)}.${signature}`, who: null },
    };
    for (const [label, { cookie, who }] of Object.entries(variants)) {
      const theirs = await betterAuthUserId(cookie);
      expect({ label, who: await oursUserId(cookie) }).toEqual({ label, who: theirs });
      expect({ label, who: theirs }).toEqual({ label, who });
    }
    expect(await signedSessionToken(new Headers({ cookie: `${a.name}=${a.value}` }))).toBe(token);
  });

  it('refuses a session signed out, or past its absolute expiry (deleting it, as better-auth does), like getSession', async () => {
    const gone = await signedIn();
    const cookieGone = `${gone.name}=${gone.value}`;
    await t.db.session.deleteMany({ where: { userId: gone.user.id } });
    expect([await oursUserId(cookieGone), await betterAuthUserId(cookieGone)]).toEqual([null, null]);

    for (const reader of [oursUserId, betterAuthUserId]) {
      const old = await signedIn();
      await t.db.session.updateMany({ where: { userId: old.user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
      expect(await reader(`${old.name}=${old.value}`)).toBeNull();
      expect(await t.db.session.count({ where: { userId: old.user.id } }), `${reader.name} deletes the ran-out session`).toBe(0);
    }
  });

  it('refuses a deactivated person and an idle session, and marks activity at most once a minute', async () => {
    const off = await signedIn();
    await t.db.user.update({ where: { id: off.user.id }, data: { deactivatedAt: new Date() } });
    expect(await oursUserId(`${off.name}=${off.value}`)).toBeNull();

    const idle = await signedIn();
    await t.db.session.updateMany({ where: { userId: idle.user.id }, data: { updatedAt: new Date(Date.now() - 365 * 24 * 3600 * 1000) } });
    expect(await oursUserId(`${idle.name}=${idle.value}`)).toBeNull();
    expect(await t.db.session.count({ where: { userId: idle.user.id } })).toBe(0);

    const busy = await signedIn();
    const cookie = `${busy.name}=${busy.value}`;
    const earlier = new Date(Date.now() - 5 * 60_000);
    await t.db.session.updateMany({ where: { userId: busy.user.id }, data: { updatedAt: earlier } });
    expect(await oursUserId(cookie)).toBe(busy.user.id);
    const touched = (await t.db.session.findFirstOrThrow({ where: { userId: busy.user.id } })).updatedAt;
    expect(touched.getTime()).toBeGreaterThan(earlier.getTime());
    expect(await oursUserId(cookie)).toBe(busy.user.id);
    expect((await t.db.session.findFirstOrThrow({ where: { userId: busy.user.id } })).updatedAt).toEqual(touched);
  });

  it('carries the person\'s role, organization and a pending password change into the actor', async () => {
    const p = await signedIn();
    await t.db.user.update({ where: { id: p.user.id }, data: { mustChangePassword: true, name: 'Zoë \u200fO\'Brien' } });
    const actor = await actorFromSessionHeaders(new Headers({ cookie: `${p.name}=${p.value}` }));
    expect(actor).toMatchObject({ kind: 'user', userId: p.user.id, role: 'ANALYST', email: p.user.email, name: 'Zoë \u200fO\'Brien', mustChangePassword: true });
    expect(actor?.sessionId).toBe((await t.db.session.findFirstOrThrow({ where: { userId: p.user.id } })).id);
  });

  it('brings the data versions in the same statement, current after a change (pages read them no second time)', async () => {
    const p = await signedIn();
    const cookie = `${p.name}=${p.value}`;
    const offered: DataVersions[] = [];
    expect((await actorFromSessionHeaders(new Headers({ cookie }), (v) => offered.push(v)))?.userId).toBe(p.user.id);
    const before = await readDataVersions();
    expect(offered).toEqual([before]);
    expect(before.content).toBeGreaterThan(0n);
    // A change bumps the content version (its audit row does): the next session read carries the new one.
    await t.db.organization.create({ data: { name: `Versions ${n}`, kind: 'BANK' } });
    await actorFromSessionHeaders(new Headers({ cookie }), (v) => offered.push(v));
    expect(offered[1]!.content).toBeGreaterThan(before.content);
    expect(offered[1]).toEqual(await readDataVersions());
    // No session, no versions offered.
    await actorFromSessionHeaders(new Headers({ cookie: `${p.name}=nobody.${'A'.repeat(43)}=` }), (v) => offered.push(v));
    expect(offered).toHaveLength(2);
  });
});
