// How many app processes scripts/serve.sh starts (docs/decisions/027-app-processes.md), and whether
// the configuration lets it start at all (the session secret on PostgreSQL).
// Node.js renders on one thread: one process cannot use a second core, however many requests wait.
// On PostgreSQL several processes share the database (as instances behind a load balancer do). The
// embedded database in a data directory is held by one database process of its own that serves the
// app processes over a Unix socket (docs/decisions/029-embedded-database-host.md); an in-memory one
// (memory://, tests) belongs to its one process.
//
// `node scripts/app-processes.mjs` prints the number, followed by " embedded" when several app
// processes share the embedded database through its database process; or explains on stderr and
// exits 2. It reads the environment as `next start` will: the shell's, then the project's .env files.
import os from 'node:os';
import { pathToFileURL } from 'node:url';

/** At most this many by default: each process keeps up to 14 database connections (its pool of 10, the exports' 4). */
export const AUTO_MAX = 4;
export const MAX = 64;

/** Which database the environment points at, by the rule of server/db/config.ts. @param {Record<string, string | undefined>} env */
export function databaseKind(env) {
  const url = env.DATABASE_URL?.trim() ?? '';
  if (url === '') return 'embedded';
  if (/^postgres(ql)?:\/\//i.test(url)) return 'postgresql';
  return 'memory';
}

/**
 * `ACCORD_PROCESSES`: unset or `auto` = one per core (at most AUTO_MAX) on PostgreSQL and on the
 * embedded database, one in memory; or a whole number 1–MAX. Returns the number, or a message for
 * the operator.
 * @param {Record<string, string | undefined>} env
 * @param {number} cores
 * @returns {{ processes: number } | { error: string }}
 */
export function appProcesses(env, cores) {
  const kind = databaseKind(env);
  const wanted = env.ACCORD_PROCESSES?.trim() ?? '';
  if (wanted === '' || wanted.toLowerCase() === 'auto') return { processes: kind === 'memory' ? 1 : Math.max(1, Math.min(cores, AUTO_MAX)) };
  if (!/^\d+$/.test(wanted) || Number(wanted) < 1 || Number(wanted) > MAX) {
    return { error: `ACCORD_PROCESSES must be "auto" or a whole number from 1 to ${MAX} (got ${JSON.stringify(wanted.slice(0, 40))}).` };
  }
  const processes = Number(wanted);
  if (processes > 1 && kind === 'memory') {
    return {
      error: `ACCORD_PROCESSES=${processes} cannot share an in-memory database: it belongs to one process. ` +
        'Leave DATABASE_URL unset (the embedded database in ./data) or set a postgres:// URL to serve from several processes.',
    };
  }
  return { processes };
}

/** The shortest session secret accepted (server/auth/secret.ts, AUTH_SECRET_MIN; tests/unit/app-processes.test.ts holds them equal). */
export const AUTH_SECRET_MIN = 32;

/**
 * Whether the app may start as configured: on PostgreSQL every process and instance must sign the
 * session cookies with one secret from the environment (the embedded database keeps its own beside
 * its data). Without it the app started and refused every sign-in (2026-12-06). A message, or null.
 * @param {Record<string, string | undefined>} env
 * @returns {string | null}
 */
export function authSecretProblem(env) {
  const secret = env.ACCORD_AUTH_SECRET || env.BETTER_AUTH_SECRET || '';
  const postgres = databaseKind(env) === 'postgresql';
  const example = 'export ACCORD_AUTH_SECRET="$(node -e \'console.log(require("crypto").randomBytes(48).toString("base64url"))\')"';
  if (secret && secret.length < AUTH_SECRET_MIN) {
    return `ACCORD_AUTH_SECRET must be at least ${AUTH_SECRET_MIN} characters (it has ${secret.length}). For example: ${example}`;
  }
  if (!secret && postgres) {
    return 'On PostgreSQL set ACCORD_AUTH_SECRET: ' + AUTH_SECRET_MIN + ' or more random characters, the same for every app ' +
      'instance (it signs the session cookies; without it nobody could sign in). For example: ' + example;
  }
  return null;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // The .env files too, as Next.js reads them at start (the shell's variables win).
  const { default: nextEnv } = await import('@next/env'); // CommonJS
  const { loadEnvConfig } = nextEnv;
  loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  const answer = appProcesses(process.env, os.availableParallelism());
  const problem = 'error' in answer ? answer.error : authSecretProblem(process.env);
  if (problem) {
    console.error(`accord: ${problem}`);
    process.exit(2);
  }
  // Several processes on the embedded database: serve-cluster.mjs starts its database process first.
  console.log(answer.processes > 1 && databaseKind(process.env) === 'embedded' ? `${answer.processes} embedded` : String(answer.processes));
}
