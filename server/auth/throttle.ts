import 'server-only';
import { createHash } from 'node:crypto';
import { db } from '@/server/db';

/**
 * Sign-in throttling, kept in the database so every app instance sees the same counts.
 * Fixed windows: after LIMIT failures for a key within WINDOW, that key is refused until the
 * window ends. Keys: one per account (email) and one per client IP.
 */
export const THROTTLE_WINDOW_SECONDS = 15 * 60;
export const THROTTLE_LIMITS = { account: 5, ip: 30 } as const;

export type ThrottleKey = { key: string; limit: number };

export function signInThrottleKeys(email: string, ip: string): ThrottleKey[] {
  return [
    { key: `signin:account:${email}`, limit: THROTTLE_LIMITS.account },
    { key: `signin:ip:${ip}`, limit: THROTTLE_LIMITS.ip },
  ];
}

/** Seconds until the most restrictive exhausted key reopens, or null when all may try. */
export async function throttledFor(keys: ThrottleKey[], now = Date.now()): Promise<number | null> {
  const rows = await db.rateLimit.findMany({ where: { key: { in: keys.map((k) => k.key) } } });
  let wait = 0;
  for (const row of rows) {
    const limit = keys.find((k) => k.key === row.key)!.limit;
    const reopensAt = Number(row.lastRequest) + THROTTLE_WINDOW_SECONDS * 1000;
    if (row.count >= limit && reopensAt > now) wait = Math.max(wait, Math.ceil((reopensAt - now) / 1000));
  }
  return wait > 0 ? wait : null;
}

/** Counts one failure against each key, atomically (safe under concurrent attempts). */
export async function recordFailure(keys: ThrottleKey[], now = Date.now()): Promise<void> {
  const windowStart = BigInt(now - THROTTLE_WINDOW_SECONDS * 1000);
  for (const { key } of keys) {
    const id = `rl_${createHash('sha256').update(key).digest('hex').slice(0, 24)}`;
    await db.$executeRaw`
      INSERT INTO rate_limits (id, key, count, "lastRequest") VALUES (${id}, ${key}, 1, ${BigInt(now)})
      ON CONFLICT (key) DO UPDATE SET
        count = CASE WHEN rate_limits."lastRequest" < ${windowStart} THEN 1 ELSE rate_limits.count + 1 END,
        "lastRequest" = CASE WHEN rate_limits."lastRequest" < ${windowStart} THEN ${BigInt(now)} ELSE rate_limits."lastRequest" END`;
  }
}

export async function clearFailures(key: string): Promise<void> {
  await db.rateLimit.deleteMany({ where: { key } });
}
