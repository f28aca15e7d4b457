import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { readDatabaseConfig } from '@/server/db/config';
import { NotConfiguredError } from '@/server/errors';

/**
 * The secret that signs session cookies. ACCORD_AUTH_SECRET wins. Otherwise the embedded
 * deployment keeps one beside its data (./data/auth-secret, created on first use, mode 0600);
 * an in-memory database (tests) gets one per process. Several app instances on PostgreSQL must
 * share one, so production on PostgreSQL refuses to start without ACCORD_AUTH_SECRET.
 */
let cached: string | null = null;

/** The shortest secret accepted; scripts/app-processes.mjs refuses to start with a shorter one (same rule, tested together). */
export const AUTH_SECRET_MIN = 32;

export function authSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.ACCORD_AUTH_SECRET || process.env.BETTER_AUTH_SECRET; // empty is unset, as scripts/app-processes.mjs reads it
  if (fromEnv) {
    if (fromEnv.length < AUTH_SECRET_MIN) throw new NotConfiguredError(`Sign-in is not set up on this server: ACCORD_AUTH_SECRET must be at least ${AUTH_SECRET_MIN} characters. Tell whoever runs Accord.`);
    return (cached = fromEnv);
  }
  const config = readDatabaseConfig();
  if (config.engine === 'pglite' && config.dataDir) {
    const file = path.join(path.dirname(config.dataDir), 'auth-secret');
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      try {
        fs.writeFileSync(file, randomBytes(48).toString('base64url'), { flag: 'wx', mode: 0o600 });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
    }
    return (cached = fs.readFileSync(file, 'utf8').trim());
  }
  if (config.engine === 'postgresql' && process.env.NODE_ENV === 'production') {
    throw new NotConfiguredError(`Sign-in is not set up on this server: on PostgreSQL it needs ACCORD_AUTH_SECRET (${AUTH_SECRET_MIN}+ random characters, the same on every app instance). Tell whoever runs Accord.`);
  }
  return (cached = randomBytes(48).toString('base64url'));
}
