#!/usr/bin/env node
// Where a command's CPU goes, by kind of process: `npm run bench:cpu -- npx playwright test` runs the
// command and prints the CPU seconds every process on the machine used while it ran, by kind (the
// browser's renderers, the test runner, the app servers, PostgreSQL...; anything else running shows
// as itself), read from /proc each second (Linux only). Used to find what the test suite spends its
// two cores on (issue 14, goal 7; docs/decisions/010-test-suite.md). A process that lives less than a
// second between two readings is missed, one's last second before it exits may be, and a process
// already running when the command starts counts only what it used after.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

const args = process.argv.slice(2);
if (args[0] === '--') args.shift();
if (args.length === 0) {
  console.error('Usage: node bench/cpu-by-process.mjs -- <command> [args...]');
  process.exit(2);
}
const TICKS = 100; // USER_HZ on Linux

/** A process's kind, from its command line when first seen. */
function kindOf(cmd) {
  if (/chrom/.test(cmd)) return /--type=renderer/.test(cmd) ? 'browser: renderers' : /--type=gpu-process/.test(cmd) ? 'browser: GPU process' : 'browser: main and utilities';
  if (/serve-embedded/.test(cmd)) return 'embedded database process';
  if (/next-server|next start|serve-cluster|scripts\/serve\.sh|e2e\/start-server\.sh/.test(cmd)) return 'app servers';
  if (/playwright/.test(cmd)) return 'Playwright runner';
  if (/vitest/.test(cmd)) return 'Vitest';
  if (/^postgres/.test(cmd)) return 'PostgreSQL server';
  if (/prisma\/seed|scripts\/db\/migrate/.test(cmd)) return 'migrations and seeding';
  const words = cmd.trim().split(/\s+/).slice(0, 3).join(' ');
  return `other: ${words.slice(0, 60)}`;
}

const seen = new Map(); // pid → { kind, first, last, before }
function read(initial) {
  for (const pid of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(pid) || Number(pid) === process.pid) continue;
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const cpu = (Number(fields[11]) + Number(fields[12])) / TICKS;
      const known = seen.get(pid);
      if (known) {
        known.last = cpu;
        continue;
      }
      const cmd = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
      if (!cmd) continue; // kernel threads
      seen.set(pid, { kind: kindOf(cmd), before: initial ? cpu : 0, last: cpu });
    } catch {
      // gone between the listing and the reading
    }
  }
}

read(true);
const started = performance.now();
const timer = setInterval(() => read(false), 1_000);
const child = spawn(args[0], args.slice(1), { stdio: 'inherit' });
child.on('exit', (code, signal) => {
  clearInterval(timer);
  read(false);
  const wall = (performance.now() - started) / 1000;
  const byKind = new Map();
  for (const p of seen.values()) byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + p.last - p.before);
  const rows = [...byKind].filter(([, s]) => s >= 0.5).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, s]) => sum + s, 0);
  console.log(`\nCPU by kind of process while the command ran (${wall.toFixed(0)} s wall, ${total.toFixed(0)} CPU s on ${os.availableParallelism()} cores):`);
  for (const [kind, s] of rows) console.log(`${s.toFixed(1).padStart(9)} s  ${((100 * s) / total).toFixed(0).padStart(3)} %  ${kind}`);
  process.exit(code ?? (signal ? 1 : 0));
});

