import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// bench/cpu-by-process.mjs (`npm run bench:cpu -- <command>`): the machine's CPU by kind of process
// while a command runs, read from /proc (docs/decisions/010-test-suite.md, 2026-12-07 evening).
const tool = path.resolve(import.meta.dirname, '../../bench/cpu-by-process.mjs');

/** A node process that uses `seconds` of its own CPU (however busy the machine), rests, and exits with `code`. */
const burner = (seconds: number, code: number) =>
  `const until = ${seconds * 1e6}, used = () => { const u = process.cpuUsage(); return u.user + u.system; }; while (used() < until) {} setTimeout(() => process.exit(${code}), 1500);`;

describe('bench/cpu-by-process.mjs', () => {
  it('counts the CPU of the processes the command starts, by kind, and exits as the command did', () => {
    // The command starts a child of its own: what the tool reads is every process, not only its child.
    const script = `require('node:child_process').spawnSync(process.execPath, ['-e', ${JSON.stringify(burner(2, 0))}], { stdio: 'inherit' }); process.exit(3);`;
    const run = spawnSync(process.execPath, [tool, '--', process.execPath, '-e', script], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status).toBe(3);
    const row = run.stdout.split('\n').find((line) => line.includes('other:') && line.includes('-e const'));
    expect(row, run.stdout).toBeDefined();
    const seconds = Number(row!.trim().split(/\s+/)[0]);
    // Two seconds of CPU, read once a second: at least what it had used a second before it rested.
    expect(seconds).toBeGreaterThanOrEqual(1.9);
    expect(seconds).toBeLessThan(4);
  });

  it('says how to use it when given no command', () => {
    const run = spawnSync(process.execPath, [tool], { encoding: 'utf8' });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('Usage: node bench/cpu-by-process.mjs -- <command>');
  });
});
