import fs from 'node:fs';
import path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

const root = import.meta.dirname;

// The data-layer files that run Prisma's WebAssembly schema engine themselves (migrations, health)
// or open an embedded database on disk (backups, the CLI, crash tests: `migrateDataDir`): found on
// disk by what they call, and run each in a process of its own. One engine instance used by many
// files in one process panicked (PrismaClientRustPanicError); the on-disk files take the data
// directory's lock, start child processes on it and stop them.
const HTTP_CONTRACT = 'tests/db/openapi-contract-http.test.ts';
// The same contract plan through the route handlers in process: on PGlite only, since on PostgreSQL
// HTTP_CONTRACT runs that plan through proxy.ts and `next start` on the same engine (decision 010, addendum e).
const CONTRACT_IN_PROCESS = 'tests/db/openapi-contract.test.ts';
const ENGINE_FILES = fs.readdirSync(path.join(root, 'tests/db'))
  .filter((name) => name.endsWith('.test.ts'))
  .map((name) => `tests/db/${name}`)
  .filter((file) => /applyPendingMigrations|schema-engine|migrate: false|migrateDataDir/.test(fs.readFileSync(path.join(root, file), 'utf8')));

// Projects: `unit` needs no database; `pglite` (with `pglite-isolated`) and `postgres` (with `postgres-isolated`) run the same
// data-layer tests (tests/db) on each engine. The OpenAPI contract over HTTP starts `next start` on
// the file's database: PostgreSQL only (an in-memory PGlite cannot be shared with another process). Playwright specs live in e2e/ and are not picked up here.
export default defineConfig({
  resolve: {
    alias: [
      { find: /^@\//, replacement: `${root}/` },
      // Outside React Server Components `server-only` throws on import; tests are server code.
      { find: 'server-only', replacement: path.join(root, 'tests/support/server-only.ts') },
    ],
  },
  test: {
    // A fixed signing secret for tests (the app reads ./data/auth-secret or ACCORD_AUTH_SECRET).
    // scrypt at N = 2^12 instead of 2^17 for the suite's hundreds of hashes (server/auth/password.ts;
    // tests/unit/password.test.ts still checks the production strength).
    // API rate limits (issue 18) far above what the fuzz and API tests send in a minute; the counting
    // statement still runs on every request. tests/db/api-rate-limits.test.ts lowers them per test.
    env: {
      ACCORD_AUTH_SECRET: 'test-secret-for-vitest-only-0123456789abcdef',
      ACCORD_TEST_SCRYPT_LOG2N: '12',
      ACCORD_API_RATE_LIMIT_TOKEN: '1000000',
      ACCORD_API_RATE_LIMIT_USER: '1000000',
    },
    // A snapshot directory per run (migrated and seeded databases built once, copied per file).
    globalSetup: ['tests/support/global-setup.ts'],
    // Each file must end with no document scratch file open (an unread streamed answer leaks one).
    // Next.js's runtime global first (tests/support/next-runtime.ts), as its server sets it.
    setupFiles: ['tests/support/next-runtime.ts', 'tests/support/no-open-scratch-files.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [
      // Files share their worker's modules, as the data-layer projects do: 44 s → 30 s alone. Tried
      // on 2026-12-04 and left (a full run failed on importing Next.js's AsyncLocalStorage); taken
      // again with Next.js's runtime global set first (tests/support/next-runtime.ts; decision 010,
      // addendum 2026-12-05 e).
      { extends: true, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], isolate: false } },
      {
        extends: true,
        // Files share their worker's modules (no isolation): each file still opens a database of its
        // own (tests/support/test-database.ts), and module state that outlives a file is kept per
        // database handle (server/cache/versioned.ts, server/metrics/cache.ts, server/health/
        // readiness.ts). PGlite's WebAssembly is compiled and the server imported once per worker
        // instead of once per file (docs/decisions/010-test-suite.md, 2026-12-03).
        test: {
          name: 'pglite', include: ['tests/db/**/*.test.ts'], exclude: [...configDefaults.exclude, HTTP_CONTRACT, ...ENGINE_FILES],
          env: { ACCORD_TEST_ENGINE: 'pglite' },
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'pglite-isolated', include: ENGINE_FILES, env: { ACCORD_TEST_ENGINE: 'pglite' } },
      },
      {
        extends: true,
        // As `pglite`: each file migrates a schema of its own by replaying the migrations' SQL after
        // a template the first file built with the schema engine (tests/support/test-database.ts),
        // so no file but the engine's own runs Prisma's schema engine, and files share modules.
        test: {
          name: 'postgres', include: ['tests/db/**/*.test.ts'], exclude: [...configDefaults.exclude, CONTRACT_IN_PROCESS, ...ENGINE_FILES],
          env: { ACCORD_TEST_ENGINE: 'postgresql' },
          // Every test also fails if a statement went to a connection still running another (pg 9
          // refuses it; decision 001, addendum 2026-12-05).
          setupFiles: ['tests/support/next-runtime.ts', 'tests/support/no-open-scratch-files.ts', 'tests/support/one-query-at-a-time.ts'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'postgres-isolated', include: ENGINE_FILES, env: { ACCORD_TEST_ENGINE: 'postgresql' },
          setupFiles: ['tests/support/next-runtime.ts', 'tests/support/no-open-scratch-files.ts', 'tests/support/one-query-at-a-time.ts'],
        },
      },
    ],
  },
});
