import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeMigrationProblem, readMigrationStatus } from '@/server/db/migration-status';
import { applyPendingMigrations, MIGRATIONS_DIR, readMigrationList } from '@/server/db/schema-engine';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

let t: TestDatabase;
beforeAll(async () => {
  t = await openTestDatabase();
});
afterAll(() => t?.close());

function copyMigrations(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-migrations-'));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  return dir;
}

describe('offline migrations', () => {
  it("record every migration in _prisma_migrations exactly as Prisma's CLI does", async () => {
    const rows = await t.db.$queryRaw<{ migration_name: string; finished_at: Date | null; applied_steps_count: number }[]>`
      SELECT migration_name, finished_at, applied_steps_count FROM _prisma_migrations ORDER BY migration_name`;
    const local = readMigrationList().migrationDirectories.map((m) => m.path);
    expect(local.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.migration_name)).toEqual(local);
    expect(rows.every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
    expect(await readMigrationStatus(t.db)).toEqual({ state: 'up-to-date', applied: local.length });
  });

  it('apply nothing the second time', async () => {
    expect(await applyPendingMigrations(t.adapter.factory)).toEqual([]);
  });

  it('report a database that is behind, with the command that fixes it', async () => {
    const dir = copyMigrations();
    try {
      const name = '29990101000000_future_change';
      fs.mkdirSync(path.join(dir, name));
      fs.writeFileSync(path.join(dir, name, 'migration.sql'), 'CREATE TABLE "future_things" ("id" INTEGER PRIMARY KEY);');
      const status = await readMigrationStatus(t.db, dir);
      expect(status).toEqual({ state: 'behind', pending: [name] });
      expect(describeMigrationProblem(status)).toContain('npm run db:migrate');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('notice a migration edited after it was applied', async () => {
    const dir = copyMigrations();
    try {
      const first = readMigrationList(dir).migrationDirectories[0]!.path;
      fs.appendFileSync(path.join(dir, first, 'migration.sql'), '\n-- edited\n');
      const status = await readMigrationStatus(t.db, dir);
      expect(status).toEqual({ state: 'diverged', unknown: [], modified: [first] });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
