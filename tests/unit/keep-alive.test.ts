import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every place that starts the app's server (`next start`) keeps idle connections for 65 s, longer
// than a load balancer's usual 60 s idle timeout. With Node's default of 5 s, a client reusing a
// connection the server was just closing gets ECONNRESET: the e2e suite met it once on a busy
// machine (issue 14, goal 7). Found on disk, so a new start script is checked without a list.
const root = path.resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', '.next', '.git', 'data', 'test-results', 'playwright-report', 'generated', '.test-reports']);

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith('.') && entry.isDirectory()) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|mjs|js|sh)$/.test(entry.name) ? [full] : [];
  });
}

/** Lines that start Next's production server: `next start -…`, or `'start'` passed to the next binary. */
const STARTS = /\bnext start(\s+-|["'`]?\s*$)|\/next['"],\s*\[?\s*'start'|bin\/next start/;
/** Lines that serve Accord through scripts/serve.sh (the one place that runs `next start`, decision 023). */
const SERVES = /scripts\/serve\.sh/;

const scripts = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')).scripts as Record<string, string>;
const codeLines = (pattern: RegExp) => [
  ...Object.entries(scripts).filter(([, command]) => pattern.test(command)).map(([name, command]) => [`package.json "${name}"`, command] as const),
  ...sources(root).flatMap((file) =>
    fs.readFileSync(file, 'utf8').split('\n').filter((line) => pattern.test(line) && !/^\s*(\/\/|\*|#)/.test(line)).map((line) => [path.relative(root, file), line.trim()] as const),
  ),
].filter(([where]) => where !== 'tests/unit/keep-alive.test.ts');

describe('how the server is started', () => {
  const starts = codeLines(STARTS);
  const serves = codeLines(SERVES);

  it('runs next start in scripts/serve.sh only: the app, the e2e servers, the bench and the tests serve it the same way', () => {
    // Two lines: one process, or several through scripts/serve-cluster.mjs (decision 027).
    expect(starts.map(([where]) => where)).toEqual(['scripts/serve.sh', 'scripts/serve.sh']);
    expect(starts.filter(([, line]) => line.includes('scripts/serve-cluster.mjs'))).toHaveLength(1);
    expect(serves.map(([where]) => where)).toEqual(expect.arrayContaining(['package.json "start"', 'e2e/start-server.sh', 'bench/app-server.ts', 'tests/support/app-server.ts']));
  });

  it.each(starts)('serves with the young generation of decision 023 (%s: %s)', (_where, line) => {
    expect(line).toMatch(/^exec node --max-semi-space-size=32 /);
  });

  it.each(serves)("%s sets --keepAliveTimeout 65000 (the server's keep-alive timeout)", (_where, command) => {
    expect(command).toMatch(/--keepAliveTimeout['",\s]+65000/);
  });
});
