// How many app processes scripts/serve.sh starts (docs/decisions/027-app-processes.md).
// Node.js renders on one thread: one process cannot use a second core, however many requests wait.
// On PostgreSQL several processes share the database (as instances behind a load balancer do); the
// embedded database belongs to one process, so it is always one.
//
// `node scripts/app-processes.mjs` prints the number, or explains on stderr and exits 2.
// It reads the environment as `next start` will: the shell's, then the project's .env files.
import os from 'node:os';
import { pathToFileURL } from 'node:url';

/** At most this many by default: each process keeps up to 14 database connections (its pool of 10, the exports' 4). */
export const AUTO_MAX = 4;
export const MAX = 64;

/**
 * `ACCORD_PROCESSES`: unset or `auto` = one per core (at most AUTO_MAX) on PostgreSQL, one on the
 * embedded database; or a whole number 1–MAX. Returns the number, or a message for the operator.
 * @param {Record<string, string | undefined>} env
 * @param {number} cores
 * @returns {{ processes: number } | { error: string }}
 */
export function appProcesses(env, cores) {
  const url = env.DATABASE_URL?.trim() ?? '';
  const postgres = /^postgres(ql)?:\/\//i.test(url);
  const wanted = env.ACCORD_PROCESSES?.trim() ?? '';
  if (wanted === '' || wanted.toLowerCase() === 'auto') return { processes: postgres ? Math.max(1, Math.min(cores, AUTO_MAX)) : 1 };
  if (!/^\d+$/.test(wanted) || Number(wanted) < 1 || Number(wanted) > MAX) {
    return { error: `ACCORD_PROCESSES must be "auto" or a whole number from 1 to ${MAX} (got ${JSON.stringify(wanted.slice(0, 40))}).` };
  }
  const processes = Number(wanted);
  if (processes > 1 && !postgres) {
    return {
      error: `ACCORD_PROCESSES=${processes} needs PostgreSQL: the embedded database belongs to one process. ` +
        'Set DATABASE_URL to a postgres:// URL to serve from several processes, or leave ACCORD_PROCESSES unset.',
    };
  }
  return { processes };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  // The .env files too, as Next.js reads them at start (the shell's variables win).
  const { default: nextEnv } = await import('@next/env'); // CommonJS
  const { loadEnvConfig } = nextEnv;
  loadEnvConfig(process.cwd(), false, { info: () => {}, error: console.error });
  const answer = appProcesses(process.env, os.availableParallelism());
  if ('error' in answer) {
    console.error(`accord: ${answer.error}`);
    process.exit(2);
  }
  console.log(String(answer.processes));
}
