import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

// One directory per Vitest run for database snapshots (tests/support/test-database.ts): a migrated
// PGlite and the seeded demo world are built once per run and copied by each file that needs them.
// Per run, so a changed migration or factory can never meet a stale snapshot.
declare module 'vitest' {
  export interface ProvidedContext {
    snapshotDir: string;
  }
}

export default function setup(project: TestProject) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-vitest-snapshots-'));
  project.provide('snapshotDir', dir);
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
