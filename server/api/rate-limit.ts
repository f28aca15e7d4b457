import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import type { Actor } from '@/server/auth/actor';
import type { Db } from '@/server/db';
import { writeRows } from '@/server/db/read-rows';
import { RateLimitedError } from '@/server/errors';
import { withHeaderFields } from './respond';

/**
 * API rate limits (issue 18; docs/decisions/020-rate-limits.md, docs/api.md "Rate limits").
 *
 * A fixed window (a minute by default, aligned to the clock: 12:00:00–12:00:59, …) per API token
 * and per user: a user's requests through all their tokens and their browser session count
 * toward the user limit. The counts live in api_rate_limits, so every app instance shares them,
 * and are raised by ONE statement per request (INSERT … ON CONFLICT DO UPDATE … RETURNING): atomic
 * on PostgreSQL and PGlite alike, no transaction held across the handler. A refused request
 * still counts: a client that ignores Retry-After stays refused until the window ends.
 */

export type RateLimitScope = 'token' | 'user';

export type ApiRateLimits = {
  /** Requests per window per API token; 0: no limit. */
  token: number;
  /** Requests per window per user, all their tokens and sessions together; 0: no limit. */
  user: number;
  windowSeconds: number;
};

// A script at 10 requests a second is under the token limit; the user limit is twice that, so a
// script that honours Retry-After never locks its owner's browser session out (search-as-you-type,
// the inbox count) and a person with two busy scripts meets the user limit only together.
export const DEFAULT_API_RATE_LIMITS: ApiRateLimits = { token: 600, user: 1200, windowSeconds: 60 };

const ENV = {
  token: 'ACCORD_API_RATE_LIMIT_TOKEN',
  user: 'ACCORD_API_RATE_LIMIT_USER',
  windowSeconds: 'ACCORD_API_RATE_WINDOW_SECONDS',
} as const;

const warned = new Set<string>();

/**
 * The limits from the environment, read on every request (cheap; lets tests lower them with
 * vi.stubEnv). A value that is not a whole number in range is ignored with one warning: a typo
 * must not turn every API request into a 500.
 */
export function readApiRateLimits(env: Record<string, string | undefined> = process.env): ApiRateLimits {
  const read = (name: keyof ApiRateLimits, min: number, max: number): number => {
    const raw = env[ENV[name]]?.trim();
    if (!raw) return DEFAULT_API_RATE_LIMITS[name];
    const value = Number(raw);
    if (Number.isInteger(value) && value >= min && value <= max) return value;
    if (!warned.has(`${name}=${raw}`)) {
      warned.add(`${name}=${raw}`);
      console.warn(`[accord] ${ENV[name]}=${JSON.stringify(raw)} is not a whole number from ${min} to ${max}; using ${DEFAULT_API_RATE_LIMITS[name]}.`);
    }
    return DEFAULT_API_RATE_LIMITS[name];
  };
  return { token: read('token', 0, 1_000_000_000), user: read('user', 0, 1_000_000_000), windowSeconds: read('windowSeconds', 1, 86_400) };
}

/** What the RateLimit-* headers tell: the limit closest to exhaustion (the draft's rule). */
export type RateLimitState = {
  scope: RateLimitScope;
  limit: number;
  remaining: number;
  /** Seconds until the window ends and the count starts again. */
  resetSeconds: number;
  windowSeconds: number;
};

export type CountedRequest = { state: RateLimitState | null; refusal: RateLimitedError | null };

type CountKey = { key: string; scope: RateLimitScope; limit: number };

/**
 * The counters a request raises, token first: every statement takes its row locks in the order
 * token, user, so two concurrent requests can wait for each other but never deadlock.
 */
function countKeys(who: { tokenId?: string | null; userId?: string | null }, limits: ApiRateLimits): CountKey[] {
  const keys: CountKey[] = [];
  if (who.tokenId && limits.token > 0) keys.push({ key: `token:${who.tokenId}`, scope: 'token', limit: limits.token });
  if (who.userId && limits.user > 0) keys.push({ key: `user:${who.userId}`, scope: 'user', limit: limits.user });
  return keys;
}

/** The start of the window `now` falls in, in seconds since the epoch (windows are aligned to the clock). */
const windowStartOf = (now: number, limits: ApiRateLimits) => Math.floor(now / (limits.windowSeconds * 1000)) * limits.windowSeconds;

/**
 * THE counting statement, for the keys `keysSql` selects (one text column `k`, token first): each
 * key's row raised by one, or started at 1 in a new window. UTC, as Prisma writes DateTime columns.
 * A row from an earlier window starts again at 1; a row whose window is later than ours (another
 * instance's clock a little ahead) keeps counting.
 *
 * synchronous_commit off for this statement's own transaction (set_config(…, true) lasts until
 * its commit): the commit does not wait for the WAL to reach the disk, which was most of the
 * statement's cost (PostgreSQL 15 here: 4.0 ms a request with, 1.1 ms without). A server crash
 * may forget the last fraction of a second of counts, never corrupt them: fine for a counter.
 *
 * Run alone (countApiRequest: browser sessions) or as a CTE of the token lookup
 * (server/tokens/authenticate.ts: one round trip for an API token's request, decision 020).
 */
export function countingInsert(keysSql: Prisma.Sql, now: number, limits: ApiRateLimits): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO api_rate_limits AS r (key, "windowStart", count)
    SELECT keys.k, to_timestamp(${windowStartOf(now, limits)}::float8) AT TIME ZONE 'UTC', 1
    FROM (${keysSql}) AS keys
    WHERE set_config('synchronous_commit', 'off', true) IS NOT NULL
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN r."windowStart" >= EXCLUDED."windowStart" THEN r.count + 1 ELSE 1 END,
      "windowStart" = GREATEST(r."windowStart", EXCLUDED."windowStart")
    RETURNING key, count, (EXTRACT(EPOCH FROM "windowStart") * 1000)::float8 AS "windowMs"`;
}

export type CountedRow = { key: string; count: number | bigint; windowMs: number };

/** What the counting statement's rows mean for this request: the fields to send, and a refusal when over. */
export function countedRequest(who: { tokenId?: string | null; userId?: string | null }, rows: CountedRow[], now: number, limits: ApiRateLimits): CountedRequest {
  const keys = countKeys(who, limits);
  if (keys.length === 0) return { state: null, refusal: null };
  const windowMs = limits.windowSeconds * 1000;
  const counted = keys.map(({ key, scope, limit }) => {
    const row = rows.find((r) => r.key === key);
    if (!row) throw new Error(`The rate-limit statement returned no count for ${key}.`);
    const endsIn = Math.ceil((Number(row.windowMs) + windowMs - now) / 1000);
    return {
      scope,
      limit,
      count: Number(row.count),
      state: { scope, limit, remaining: Math.max(0, limit - Number(row.count)), resetSeconds: Math.min(Math.max(endsIn, 1), limits.windowSeconds * 2), windowSeconds: limits.windowSeconds },
    };
  });
  const reported = counted.reduce((a, b) => (b.state.remaining < a.state.remaining ? b : a));
  const over = counted.find((c) => c.count > c.limit);
  if (!over) return { state: reported.state, refusal: null };
  return { state: over.state, refusal: refusalFor(over.state) };
}

/**
 * The keys of `who` as SQL for countingInsert, in their order (token, user). Each key is a text
 * parameter of its own (not a text array), so the statement can go straight to the driver adapter
 * (writeRows takes text and number parameters only).
 */
export function countKeysSql(who: { tokenId?: string | null; userId?: string | null }, limits: ApiRateLimits): Prisma.Sql | null {
  const keys = countKeys(who, limits);
  if (!keys.length) return null;
  const rows = keys.map(({ key }, n) => Prisma.sql`(${key}::text, ${n}::int)`);
  return Prisma.sql`SELECT k FROM (VALUES ${Prisma.join(rows)}) AS keys(k, n) ORDER BY n`;
}

/**
 * Counts one request for the actor's token and user and says whether it may go on. Call it once
 * per request, after authentication (a request that fails it is not counted) and before anything
 * else. `now` and `db` are for tests (a clock, a second "instance"). A request by API token is
 * counted by its token lookup instead (countedBearer in server/tokens/authenticate.ts).
 */
export async function countApiRequest(actor: Actor, options: { now?: number; db?: Db; limits?: ApiRateLimits } = {}): Promise<CountedRequest> {
  const limits = options.limits ?? readApiRateLimits();
  const keys = countKeysSql(actor, limits);
  if (!keys) return { state: null, refusal: null };
  const now = options.now ?? Date.now();
  // Straight to the driver adapter, sent once (writeRows, decision 026): the browser's calls
  // (search as you type, @mention suggestions, the inbox count) each start with this statement.
  // A test's second "instance" (`db`) goes through its own client.
  const statement = countingInsert(keys, now, limits);
  const rows = options.db ? await options.db.$queryRaw<CountedRow[]>(statement) : await writeRows<CountedRow>(statement);
  return countedRequest(actor, rows, now, limits);
}

function refusalFor(state: RateLimitState): RateLimitedError {
  const whose = state.scope === 'token' ? 'this token' : 'your account (all your tokens and sessions together)';
  const message = `Too many requests for ${whose}: ${state.limit} ${describeWindow(state.windowSeconds)}. Try again in ${state.resetSeconds} s.`;
  return new RateLimitedError(message, state.resetSeconds, { scope: state.scope, limit: state.limit, windowSeconds: state.windowSeconds });
}

function describeWindow(seconds: number): string {
  if (seconds === 60) return 'a minute';
  if (seconds === 3600) return 'an hour';
  if (seconds === 1) return 'a second';
  return seconds % 60 === 0 ? `every ${seconds / 60} minutes` : `every ${seconds} seconds`;
}

/**
 * The RateLimit-Limit, RateLimit-Remaining and RateLimit-Reset fields of
 * draft-ietf-httpapi-ratelimit-headers-06 (the separate-field form most clients read); the
 * policy (limit;w=window) in RateLimit-Policy as that draft defines it.
 */
export function rateLimitHeaders(state: RateLimitState): Record<string, string> {
  return {
    'RateLimit-Limit': String(state.limit),
    'RateLimit-Remaining': String(state.remaining),
    'RateLimit-Reset': String(state.resetSeconds),
    'RateLimit-Policy': `${state.limit};w=${state.windowSeconds}`,
  };
}

/** Puts the fields on an answer (a streamed export too: the headers go before the body). */
export function withRateLimitHeaders(response: Response, state: RateLimitState | null): Response {
  if (!state) return response;
  const fields = Object.entries(rateLimitHeaders(state));
  return withHeaderFields(response, (headers) => {
    for (const [name, value] of fields) headers.set(name, value);
  });
}

/** Rows whose window ended more than `idleMs` ago: removed by the api-rate-limits.sweep job. */
export async function sweepApiRateLimits(db: Db, now: Date, idleMs = 60 * 60_000): Promise<number> {
  const { count } = await db.apiRateLimit.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - idleMs) } } });
  return count;
}
