import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { appProcesses, AUTO_MAX, MAX } from '../../scripts/app-processes.mjs';

const PG = 'postgres://accord@db.internal:5432/accord?schema=accord';

describe('how many app processes serve (decision 027)', () => {
  it.each([
    ['the embedded database, nothing set', {}, 8, 1],
    ['the embedded database, auto', { ACCORD_PROCESSES: 'auto' }, 8, 1],
    ['the embedded database, one asked for', { ACCORD_PROCESSES: '1' }, 8, 1],
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

  it.each([undefined, '', 'memory://'])('refuses several processes on the embedded database (DATABASE_URL=%j), naming the remedy', (url) => {
    expect(appProcesses({ DATABASE_URL: url, ACCORD_PROCESSES: '2' }, 2)).toEqual({
      error: expect.stringMatching(/^ACCORD_PROCESSES=2 needs PostgreSQL: the embedded database belongs to one process\. Set DATABASE_URL/),
    });
  });

  it('reads the .env files with the same @next/env as Next.js (pinned to next\'s version)', () => {
    const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8')) as { dependencies: Record<string, string> };
    const installed = (name: string) => (JSON.parse(fs.readFileSync(`node_modules/${name}/package.json`, 'utf8')) as { version: string }).version;
    expect(manifest.dependencies['@next/env']).toBe(manifest.dependencies.next);
    expect(installed('@next/env')).toBe(installed('next'));
  });
});
