import { execSync } from 'node:child_process';
import fs from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { appProcesses, AUTH_SECRET_MIN, authSecretProblem, AUTO_MAX, MAX } from '../../scripts/app-processes.mjs';

const PG = 'postgres://accord@db.internal:5432/accord?schema=accord';

describe('how many app processes serve (decision 027)', () => {
  it.each([
    ['the embedded database, nothing set, two cores', {}, 2, 2],
    ['the embedded database, auto, many cores', { ACCORD_PROCESSES: 'auto' }, 8, AUTO_MAX],
    ['the embedded database, one core', { DATABASE_URL: ' ' }, 1, 1],
    ['the embedded database, one asked for', { ACCORD_PROCESSES: '1' }, 8, 1],
    ['the embedded database, three asked for', { ACCORD_PROCESSES: '3' }, 2, 3],
    ['PostgreSQL, nothing set, two cores', { DATABASE_URL: PG }, 2, 2],
    ['PostgreSQL, AUTO, one core', { DATABASE_URL: PG, ACCORD_PROCESSES: 'AUTO' }, 1, 1],
    ['PostgreSQL, nothing set, many cores', { DATABASE_URL: PG }, 32, AUTO_MAX],
    ['PostgreSQL, a number above auto', { DATABASE_URL: `  ${PG.replace('postgres:', 'postgresql:')}`, ACCORD_PROCESSES: ' 6 ' }, 2, 6],
    ['PostgreSQL, the most', { DATABASE_URL: PG, ACCORD_PROCESSES: String(MAX) }, 2, MAX],
    ['memory:// (tests)', { DATABASE_URL: 'memory://' }, 8, 1],
  ])('%s', (_case, env, cores, processes) => {
    expect(appProcesses(env, cores)).toEqual({ processes });
  });

  it.each(['0', '-1', '2.5', 'two', String(MAX + 1), '1e2', '\u202e3'])('refuses ACCORD_PROCESSES=%j with the allowed values', (value) => {
    const answer = appProcesses({ DATABASE_URL: PG, ACCORD_PROCESSES: value }, 2);
    expect(answer).toEqual({ error: expect.stringMatching(new RegExp(`^ACCORD_PROCESSES must be "auto" or a whole number from 1 to ${MAX} \\(got `)) });
  });

  it.each(['memory://', 'pglite://memory'])('refuses several processes on an in-memory database (DATABASE_URL=%j), naming the remedy', (url) => {
    expect(appProcesses({ DATABASE_URL: url, ACCORD_PROCESSES: '2' }, 2)).toEqual({
      error: expect.stringMatching(/^ACCORD_PROCESSES=2 cannot share an in-memory database: it belongs to one process\. Leave DATABASE_URL unset/),
    });
  });

  it.each([
    [{ ACCORD_PROCESSES: '2' }, '2 embedded'], // serve-cluster.mjs starts the database process first (decision 029)
    [{ ACCORD_PROCESSES: '1' }, '1'],
    [{ ACCORD_PROCESSES: '2', DATABASE_URL: PG, ACCORD_AUTH_SECRET: 'x'.repeat(AUTH_SECRET_MIN) }, '2'],
  ])('tells the start script how many, and whether the embedded database is to be served to them (%j)', (env, printed) => {
    const out = execSync('node scripts/app-processes.mjs', { env: { PATH: process.env.PATH, NODE_ENV: 'production', ...env }, encoding: 'utf8' });
    expect(out.trim()).toBe(printed);
  });

  it('reads the .env files with the same @next/env as Next.js (pinned to next\'s version)', () => {
    const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const installed = (name: string) => (JSON.parse(fs.readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
    expect(manifest.dependencies['@next/env']).toBe(manifest.dependencies.next);
    expect(installed('@next/env')).toBe(installed('next'));
  });
});

describe('the session secret, checked before the app starts (2026-12-06)', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  const long = 'x'.repeat(AUTH_SECRET_MIN);
  // Each case: the environment, and whether the app may start with it.
  const cases: [string, Record<string, string>, boolean][] = [
    ['PostgreSQL without a secret', { DATABASE_URL: PG }, false],
    ['PostgreSQL with an empty secret', { DATABASE_URL: PG, ACCORD_AUTH_SECRET: '' }, false],
    ['PostgreSQL with a short secret', { DATABASE_URL: PG, ACCORD_AUTH_SECRET: long.slice(1) }, false],
    ['PostgreSQL with a secret of the least length', { DATABASE_URL: PG, ACCORD_AUTH_SECRET: long }, true],
    ['PostgreSQL with better-auth\'s own variable', { DATABASE_URL: PG, ACCORD_AUTH_SECRET: '', BETTER_AUTH_SECRET: long }, true],
    ['the embedded database without a secret', { DATABASE_URL: 'memory://' }, true],
    ['the embedded database with a short secret', { DATABASE_URL: 'memory://', ACCORD_AUTH_SECRET: 'short' }, false],
  ];

  it.each(cases)('%s: the start check and the server agree', async (_case, env, starts) => {
    const problem = authSecretProblem(env);
    if (starts) expect(problem).toBeNull();
    else expect(problem).toMatch(new RegExp(`ACCORD_AUTH_SECRET.*${AUTH_SECRET_MIN}.*For example: export ACCORD_AUTH_SECRET=`));
    // The server's own rule (server/auth/secret.ts), read fresh in production with the same environment.
    vi.stubEnv('NODE_ENV', 'production');
    vi.stubEnv('ACCORD_AUTH_SECRET', env.ACCORD_AUTH_SECRET ?? '');
    vi.stubEnv('BETTER_AUTH_SECRET', env.BETTER_AUTH_SECRET ?? '');
    vi.stubEnv('DATABASE_URL', env.DATABASE_URL);
    const { authSecret } = await import('@/server/auth/secret');
    const { NotConfiguredError } = await import('@/server/errors');
    if (starts) expect(authSecret().length).toBeGreaterThanOrEqual(AUTH_SECRET_MIN);
    else expect(() => authSecret()).toThrow(NotConfiguredError);
  });

  it('holds the same least length as the server', async () => {
    const { AUTH_SECRET_MIN: server } = await import('@/server/auth/secret');
    expect(AUTH_SECRET_MIN).toBe(server);
  });

  it('gives an example that makes a secret long enough', () => {
    const example = authSecretProblem({ DATABASE_URL: PG })!.split('For example: ')[1]!;
    const command = /^export ACCORD_AUTH_SECRET="\$\((node -e '.*')\)"$/.exec(example)?.[1];
    expect(command).toBeDefined();
    const printed = execSync(command!, { encoding: 'utf8' }).trim();
    expect(printed.length).toBeGreaterThanOrEqual(AUTH_SECRET_MIN);
    expect(authSecretProblem({ DATABASE_URL: PG, ACCORD_AUTH_SECRET: printed })).toBeNull();
  });
});
