import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { GET as me } from '@/app/api/v1/me/route';
import { PATCH as patchMilestone } from '@/app/api/v1/milestones/[id]/route';
import { GET as metrics } from '@/app/api/v1/partnerships/[slug]/metrics/route';
import { userActor, type Actor } from '@/server/auth/actor';
import { signIn } from '@/server/auth/sign-in';
import { countApiRequest, readApiRateLimits, sweepApiRateLimits, type ApiRateLimits } from '@/server/api/rate-limit';
import { createDatabase, type DatabaseHandle } from '@/server/db/client';
import { JOBS } from '@/server/jobs/registry';
import { createApiToken, revokeApiToken } from '@/server/tokens/mutations';
import { createPartnership, createUser } from '@/tests/factories/builders';
import { openTestDatabase, testEngine, type TestDatabase } from '@/tests/support/test-database';
import { documentProblems } from '@/tests/support/openapi-answer';

// Issue 18, item 4: API rate limits per token and per user, shared through the database. The
// clock is Vitest's fake Date (only Date: timers and the database drivers run as usual), set to
// a known second of a window, so no test sleeps or straddles a window by chance.
let t: TestDatabase;
let n = 0;
const PASSWORD = 'a long enough password';
const url = (path: string) => `http://localhost${path}`;
const noParams = { params: Promise.resolve({}) };
const getMe = (headers: HeadersInit) => me(new Request(url('/api/v1/me'), { headers }), noParams);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/** Limits for this test, through the same environment variables an operator sets. */
function limits(token: number, user: number, windowSeconds = 60) {
  vi.stubEnv('ACCORD_API_RATE_LIMIT_TOKEN', String(token));
  vi.stubEnv('ACCORD_API_RATE_LIMIT_USER', String(user));
  vi.stubEnv('ACCORD_API_RATE_WINDOW_SECONDS', String(windowSeconds));
}

/** Freezes Date at `second` seconds into a fresh minute near the real time; returns that minute's start. */
function clockAt(second: number, minuteStart = Math.floor(Date.now() / 60_000) * 60_000 + 60_000): number {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(minuteStart + second * 1000);
  return minuteStart;
}

async function person(role: 'ANALYST' | 'BUSINESS_DEVELOPMENT' = 'ANALYST') {
  const email = `rate-${++n}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const user = await createUser(t.db, { email, role, password: PASSWORD });
  const actor = userActor(user);
  const token = async (name = `script ${++n}`) => (await createApiToken(actor, { ownerId: user.id, name, readOnly: false })).token;
  return { user, actor, email, token };
}

async function session(email: string): Promise<HeadersInit> {
  const { setCookies } = await signIn({ email, password: PASSWORD, ip: `10.18.4.${++n}`, userAgent: 'vitest' });
  return { cookie: setCookies.map((c) => c.split(';')[0]).join('; ') };
}

const fields = (r: Response) => ({
  limit: r.headers.get('RateLimit-Limit'),
  remaining: r.headers.get('RateLimit-Remaining'),
  reset: r.headers.get('RateLimit-Reset'),
});

describe('API rate limits', () => {
  it('per token: the fields count down, then 429 with Retry-After and a message a person understands', async () => {
    limits(3, 100);
    const { token } = await person();
    const secret = await token();
    clockAt(43);
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await getMe(bearer(secret)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(answers.map(fields)).toEqual([
      { limit: '3', remaining: '2', reset: '17' },
      { limit: '3', remaining: '1', reset: '17' },
      { limit: '3', remaining: '0', reset: '17' },
    ]);
    expect(answers[0]!.headers.get('RateLimit-Policy')).toBe('3;w=60');

    const refused = await getMe(bearer(secret));
    expect(refused.status).toBe(429);
    // The answer as the OpenAPI document describes it (the contract plan cannot reach a limit).
    expect(await documentProblems('GET', '/api/v1/me', refused)).toEqual([]);
    expect(refused.headers.get('Retry-After')).toBe('17');
    expect(fields(refused)).toEqual({ limit: '3', remaining: '0', reset: '17' });
    expect(await refused.json()).toEqual({
      error: 'Too many requests for this token: 3 a minute. Try again in 17 s.',
      retryAfter: 17,
      scope: 'token',
      limit: 3,
      windowSeconds: 60,
    });
  });

  it('the window resets when the next minute starts (a fake clock, no sleeping)', async () => {
    limits(2, 100);
    const { token } = await person();
    const secret = await token();
    const minute = clockAt(5);
    expect((await getMe(bearer(secret))).status).toBe(200);
    expect((await getMe(bearer(secret))).status).toBe(200);
    vi.setSystemTime(minute + 59_500);
    const late = await getMe(bearer(secret));
    expect(late.status).toBe(429);
    expect(late.headers.get('Retry-After')).toBe('1');
    vi.setSystemTime(minute + 60_000);
    const next = await getMe(bearer(secret));
    expect(next.status).toBe(200);
    expect(fields(next)).toEqual({ limit: '2', remaining: '1', reset: '60' });
  });

  it("per user: all the user's tokens and sessions count together, and the headers show that limit once it is the closer one", async () => {
    limits(100, 4);
    const { token, email } = await person();
    const [a, b] = [await token(), await token()];
    const browser = await session(email);
    clockAt(30);
    const answers = [await getMe(bearer(a)), await getMe(bearer(a)), await getMe(bearer(b)), await getMe(browser)];
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(answers.map((r) => r.headers.get('RateLimit-Remaining'))).toEqual(['3', '2', '1', '0']);
    expect(answers.map((r) => r.headers.get('RateLimit-Limit'))).toEqual(['4', '4', '4', '4']);
    const refused = await getMe(bearer(b));
    expect(refused.status).toBe(429);
    expect(await documentProblems('GET', '/api/v1/me', refused)).toEqual([]);
    expect(refused.headers.get('Retry-After')).toBe('30');
    expect(await refused.json()).toMatchObject({
      error: 'Too many requests for your account (all your tokens and sessions together): 4 a minute. Try again in 30 s.',
      scope: 'user',
      limit: 4,
    });
    expect((await getMe(browser)).status).toBe(429);
  });

  it("one user's token does not use another user's limit", async () => {
    limits(2, 2);
    const [alice, bob] = [await person(), await person('BUSINESS_DEVELOPMENT')];
    const [aliceToken, bobToken] = [await alice.token(), await bob.token()];
    clockAt(10);
    for (let i = 0; i < 3; i++) await getMe(bearer(aliceToken));
    expect((await getMe(bearer(aliceToken))).status).toBe(429);
    const bobs = await getMe(bearer(bobToken));
    expect(bobs.status).toBe(200);
    expect(fields(bobs)).toMatchObject({ limit: '2', remaining: '1' });
  });

  it('requests that fail authentication are not counted and carry no fields', async () => {
    limits(2, 2);
    clockAt(20);
    const before = await t.db.apiRateLimit.count();
    for (const authorization of ['Bearer acc_' + 'x'.repeat(43), 'Bearer nope', 'Basic abc']) {
      const answer = await getMe({ authorization });
      expect(answer.status).toBe(401);
      expect(answer.headers.get('RateLimit-Limit')).toBeNull();
    }
    expect((await getMe({})).status).toBe(401);
    expect(await t.db.apiRateLimit.count()).toBe(before);
  });

  it('a token that is found but refused (revoked, expired, owner deactivated) raises no count: the lookup counts only what it accepts', async () => {
    // The token's count is raised by the statement that looks the token up (decision 020): its
    // own checks must match the 401s, at the same clock.
    limits(5, 5);
    const { user, actor, token } = await person();
    const revokedName = `revoked ${++n}`;
    const revoked = await token(revokedName);
    const expiring = (await createApiToken(actor, { ownerId: user.id, name: `expiring ${++n}`, readOnly: false, expiresInDays: 1 })).token;
    const kept = await token();
    await revokeApiToken(actor, { tokenId: (await t.db.apiToken.findFirstOrThrow({ where: { userId: user.id, name: revokedName } })).id });
    const counts = () => t.db.apiRateLimit.count({ where: { key: { in: [`user:${user.id}`] } } });
    clockAt(30);
    expect((await getMe(bearer(revoked))).status).toBe(401);
    expect(await counts()).toBe(0);
    clockAt(30, Date.now() + 2 * 86_400_000); // two days on: the one-day token has expired
    expect((await getMe(bearer(expiring))).status).toBe(401);
    expect(await counts()).toBe(0);
    vi.useRealTimers();
    await t.db.user.update({ where: { id: user.id }, data: { deactivatedAt: new Date() } });
    expect((await getMe(bearer(kept))).status).toBe(401);
    expect(await counts()).toBe(0);
  });

  it('an error answer after authentication is counted and carries the fields (the guard runs after the count)', async () => {
    limits(5, 100);
    const { token } = await person();
    const secret = await token();
    clockAt(0);
    // No such milestone (or no permission): an error, still one request of the token's five.
    const refused = await patchMilestone(
      new Request(url('/api/v1/milestones/x'), { method: 'PATCH', headers: { ...bearer(secret), 'content-type': 'application/json' }, body: '{}' }),
      { params: Promise.resolve({ id: 'x' }) },
    );
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(fields(refused)).toEqual({ limit: '5', remaining: '4', reset: '60' });
  });

  it('a CSV export counts once, however long it streams', async () => {
    limits(3, 100);
    const { user, token } = await person();
    const secret = await token();
    const { slug } = await createPartnership(t.db, { ownerId: user.id });
    clockAt(1);
    const exported = await metrics(new Request(url(`/api/v1/partnerships/${slug}/metrics?format=csv`), { headers: bearer(secret) }), { params: Promise.resolve({ slug }) });
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-type')).toContain('csv');
    expect(fields(exported)).toMatchObject({ remaining: '2' });
    await exported.text();
    expect(fields(await getMe(bearer(secret)))).toMatchObject({ remaining: '1' });
  });

  it('two app instances (two database handles) share one count', async () => {
    // PostgreSQL: a second pool on the same schema, as a second app server would hold. PGlite is
    // one process by design (stack notes, trap 7): the second "instance" is the same handle.
    const second: DatabaseHandle | null = testEngine() === 'postgresql' ? createDatabase(t.config) : null;
    try {
      const instances = [t.db, second?.db ?? t.db];
      const { actor, token } = await person();
      await token();
      const row = await t.db.apiToken.findFirstOrThrow({ where: { userId: actor.userId! }, select: { id: true } });
      const caller: Actor = { ...actor, kind: 'token', tokenId: row.id };
      const now = clockAt(12);
      const set: ApiRateLimits = { token: 25, user: 1000, windowSeconds: 60 };
      // Concurrently, alternating instances: every request gets its own number (atomic counting).
      const counted = await Promise.all(
        Array.from({ length: 30 }, (_, i) => countApiRequest(caller, { db: instances[i % 2], now: now + 12_000, limits: set })),
      );
      const remaining = counted.map((c) => c.state!.remaining).sort((x, y) => x - y);
      expect(counted.filter((c) => c.refusal).length).toBe(5);
      expect(remaining.filter((r) => r > 0)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
      const [stored] = await instances[1]!.$queryRaw<{ count: number }[]>`SELECT count FROM api_rate_limits WHERE key = ${`token:${row.id}`}`;
      expect(stored!.count).toBe(30);
    } finally {
      await second?.close();
    }
  });

  it('idle counters are swept by the hourly job; current ones stay', async () => {
    const { actor } = await person();
    const now = Date.now();
    const set: ApiRateLimits = { token: 10, user: 10, windowSeconds: 60 };
    await countApiRequest(actor, { now: now - 3 * 3_600_000, limits: set });
    const { actor: active } = await person();
    await countApiRequest(active, { now, limits: set });
    expect(JOBS['api-rate-limits.sweep']?.every).toBeDefined();
    await JOBS['api-rate-limits.sweep']!.run(null, { db: t.db, jobId: 'test', attempt: 1, maxAttempts: 5, now: new Date(now) });
    expect(await t.db.apiRateLimit.findUnique({ where: { key: `user:${actor.userId}` } })).toBeNull();
    expect(await t.db.apiRateLimit.findUnique({ where: { key: `user:${active.userId}` } })).not.toBeNull();
    expect(await sweepApiRateLimits(t.db, new Date(now))).toBe(0);
  });

  it('reads its limits from the environment; a bad value falls back to the default; 0 turns a limit off', async () => {
    expect(readApiRateLimits({})).toEqual({ token: 600, user: 1200, windowSeconds: 60 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(readApiRateLimits({ ACCORD_API_RATE_LIMIT_TOKEN: '12', ACCORD_API_RATE_LIMIT_USER: 'lots', ACCORD_API_RATE_WINDOW_SECONDS: '0' })).toEqual({ token: 12, user: 1200, windowSeconds: 60 });
    expect(warn).toHaveBeenCalledTimes(2);
    warn.mockRestore();
    limits(0, 0);
    const { token } = await person();
    const answer = await getMe(bearer(await token()));
    expect(answer.status).toBe(200);
    expect(answer.headers.get('RateLimit-Limit')).toBeNull();
  });

  it('timing: what the counting statement adds to a request (printed, not asserted)', async () => {
    const { token } = await person();
    const secret = await token();
    const rounds = 150;
    const time = async () => {
      for (let i = 0; i < 10; i++) await getMe(bearer(secret)); // warm-up
      const started = performance.now();
      for (let i = 0; i < rounds; i++) await getMe(bearer(secret));
      return (performance.now() - started) / rounds;
    };
    // Interleaved off/on blocks so both see the same machine noise.
    const off: number[] = [];
    const on: number[] = [];
    for (let block = 0; block < 3; block++) {
      limits(0, 0);
      off.push(await time());
      limits(1_000_000, 1_000_000);
      on.push(await time());
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log(
      `[rate-limit timing] ${testEngine()}: GET /api/v1/me by token, mean of ${rounds} x 3 blocks: ` +
        `off ${median(off).toFixed(3)} ms, on ${median(on).toFixed(3)} ms, added ${(median(on) - median(off)).toFixed(3)} ms per request`,
    );
    expect(on.length).toBe(3);
  });
});
