import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every PGlite instance loads the extensions the migrations create (pg_trgm for search, issue 15):
// without it a database with a trigram index refuses even an INSERT ("could not access file
// pg_trgm"). server/db/pglite.ts is the one place that opens PGlite; found on disk, so a new script,
// test helper or bench step that opens one by itself fails here.
const root = path.resolve(import.meta.dirname, '../..');
const SKIP = new Set(['node_modules', '.next', '.git', 'data', 'test-results', 'playwright-report', 'generated', '.test-reports']);
const ONE_PLACE = 'server/db/pglite.ts';

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || (entry.name.startsWith('.') && entry.isDirectory())) return [];
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|tsx|mts|mjs|js|cjs)$/.test(entry.name) ? [full] : [];
  });
}

describe('PGlite instances', () => {
  const opens = sources(root)
    .map((file) => path.relative(root, file))
    .filter((file) => file !== ONE_PLACE && file !== 'tests/unit/pglite-open.test.ts')
    .flatMap((file) =>
      fs.readFileSync(path.join(root, file), 'utf8').split('\n')
        .filter((line) => /\bPGlite\.create\s*\(|\bnew PGlite\s*\(/.test(line) && !/^\s*(\/\/|\*)/.test(line))
        .map((line) => `${file}: ${line.trim()}`),
    );

  it('are opened only through server/db/pglite.ts, which loads pg_trgm', () => {
    expect(opens).toEqual([]);
    expect(fs.readFileSync(path.join(root, ONE_PLACE), 'utf8')).toMatch(/extensions: PGLITE_EXTENSIONS/);
  });
});

describe('createPglite', () => {
  // A dump handed over as bytes opens whole, from a view into a larger buffer as well as from a
  // buffer of its own (a gunzipped backup is the first kind, a file read whole the second); an
  // in-memory instance keeps a small buffer pool, one on disk Postgres's default (2026-12-07).
  it('opens a dump from bytes, and keeps a 16 MB buffer pool in memory and the default on disk', async () => {
    const { createPglite } = await import('@/server/db/pglite');
    const source = await createPglite();
    await source.exec(`CREATE TABLE kept (id int PRIMARY KEY, word text); INSERT INTO kept SELECT i, 'word ' || i FROM generate_series(1, 500) i;`);
    const dump = new Uint8Array(await (await source.dumpDataDir('none')).arrayBuffer());
    await source.close();
    const padded = new Uint8Array(dump.byteLength + 24);
    padded.set(dump, 8);
    for (const bytes of [dump, padded.subarray(8, 8 + dump.byteLength)]) {
      const copy = await createPglite({ loadDataDir: bytes });
      try {
        const { rows } = await copy.query<{ n: number; last: string; pool: string }>(`SELECT count(*)::int AS n, max(word) AS last, current_setting('shared_buffers') AS pool FROM kept`);
        expect(rows[0]).toEqual({ n: 500, last: 'word 99', pool: '16MB' });
      } finally {
        await copy.close();
      }
    }
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-pglite-open-'));
    try {
      const onDisk = await createPglite({ dataDir });
      const { rows } = await onDisk.query<{ pool: string }>(`SELECT current_setting('shared_buffers') AS pool`);
      await onDisk.close();
      expect(rows[0]!.pool).toBe('128MB');
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
