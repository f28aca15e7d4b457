import 'server-only';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { createPglite } from './pglite';

/**
 * Prisma's own schema engine, compiled to WebAssembly (@prisma/schema-engine-wasm, pinned), run
 * through our driver adapter. It applies and diffs migrations exactly as `prisma migrate` does,
 * recording `_prisma_migrations`, without the native binary these machines cannot download.
 * See docs/decisions/001-database.md and shared/stack-notes.md (trap 3).
 */
export const SCHEMA_PATH = path.resolve('prisma/schema.prisma');
export const MIGRATIONS_DIR = path.resolve('prisma/migrations');
const FILTERS = { externalTables: [], externalEnums: [] };

type MigrationList = {
  baseDir: string;
  lockfile: { path: string; content: string | null };
  shadowDbInitScript: string;
  migrationDirectories: {
    path: string;
    migrationFile: { path: string; content: { tag: 'ok'; value: string } };
  }[];
};

type Engine = {
  applyMigrations(input: unknown): Promise<{ appliedMigrationNames: string[] }>;
  diff(input: unknown): Promise<{ exitCode: number; stdout: string | null }>;
  free(): void;
};

type Bg = {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
  SchemaEngine: { new: (options: unknown, log: (line: string) => void, adapter: object) => Promise<Engine> };
};

let bgPromise: Promise<Bg> | null = null;

async function loadWasm(): Promise<Bg> {
  bgPromise ??= (async () => {
    const require = createRequire(import.meta.url);
    const bgPath = require.resolve('@prisma/schema-engine-wasm/schema_engine_bg');
    const bg = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as unknown as Bg;
    const bytes = fs.readFileSync(path.join(path.dirname(bgPath), 'schema_engine_bg.wasm'));
    const compiled = await WebAssembly.compile(bytes);
    const instance = new WebAssembly.Instance(compiled, { './schema_engine_bg.js': bg as never });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return bg;
  })();
  return bgPromise;
}

export function readMigrationList(dir = MIGRATIONS_DIR): MigrationList {
  const names = fs.existsSync(dir)
    ? fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort()
    : [];
  const lockPath = path.join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: {
      path: 'migration_lock.toml',
      content: fs.existsSync(lockPath) ? fs.readFileSync(lockPath, 'utf8') : null,
    },
    shadowDbInitScript: '',
    migrationDirectories: names.map((name) => ({
      path: name,
      migrationFile: {
        path: 'migration.sql',
        content: { tag: 'ok', value: fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8') },
      },
    })),
  };
}

async function withEngine<T>(
  factory: SqlMigrationAwareDriverAdapterFactory,
  run: (engine: Engine) => Promise<T>,
): Promise<T> {
  const bg = await loadWasm();
  // The engine takes a session advisory lock (as `prisma migrate` does) and never closes its
  // connection; dispose what it opened so the lock is not held until the process ends.
  const opened: SqlDriverAdapter[] = [];
  const scoped: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const connection = await factory.connect();
      opened.push(connection);
      return connection;
    },
    connectToShadowDb: async () => {
      const connection = await factory.connectToShadowDb();
      opened.push(connection);
      return connection;
    },
  };
  const adapter = bindMigrationAwareSqlAdapterFactory(scoped);
  const logs: string[] = [];
  const schema = fs.readFileSync(SCHEMA_PATH, 'utf8');
  const engine = await bg.SchemaEngine.new(
    { datamodels: [[path.basename(SCHEMA_PATH), schema]] },
    (line: string) => logs.push(line),
    adapter,
  );
  try {
    return await run(engine);
  } catch (error) {
    throw explainEngineError(error, adapter, logs);
  } finally {
    engine.free();
    await Promise.all(opened.map((connection) => connection.dispose()));
  }
}

function explainEngineError(error: unknown, adapter: object, logs: string[]): Error {
  const message = error instanceof Error ? error.message : String(error);
  const match = /External error id#(\d+)/.exec(message);
  const registry = (adapter as { errorRegistry?: { consumeError(id: number): unknown } }).errorRegistry;
  const detail = match && registry ? registry.consumeError(Number(match[1])) : undefined;
  const cause = detail ? ` (${JSON.stringify(detail)})` : '';
  const tail = logs.length ? `\n${logs.slice(-5).join('\n')}` : '';
  return new Error(`Schema engine failed: ${message}${cause}${tail}`);
}

/** Applies pending migrations; returns the names applied (empty when up to date). */
export async function applyPendingMigrations(
  factory: SqlMigrationAwareDriverAdapterFactory,
  dir = MIGRATIONS_DIR,
): Promise<string[]> {
  return withEngine(factory, async (engine) => {
    const out = await engine.applyMigrations({ migrationsList: readMigrationList(dir), filters: FILTERS });
    return out.appliedMigrationNames;
  });
}

/**
 * SQL that takes a database built from the migrations folder to what schema.prisma describes;
 * empty when they agree. Diffing from migrations needs a shadow database, which only works with
 * PGlite in 7.10, so this always runs on a throwaway in-memory PGlite.
 */
export async function diffMigrationsToSchema(dir = MIGRATIONS_DIR): Promise<string> {
  const pglite = await createPglite();
  // The migrations are replayed on a shadow database. pglite-prisma-adapter opens its own, without
  // the extensions our migrations create (server/db/pglite.ts). The engine does not report a
  // migration that fails there: it silently compares the state before it (no drift reported for
  // anything after). So the shadow is one of ours, with the extensions loaded.
  const shadow = await createPglite();
  const factory = new PrismaPGlite(pglite);
  factory.connectToShadowDb = async () => new PrismaPGlite(shadow).connect();
  try {
    const schema = fs.readFileSync(SCHEMA_PATH, 'utf8');
    const hasMigrations = readMigrationList(dir).migrationDirectories.length > 0;
    return await withEngine(factory, async (engine) => {
      const out = await engine.diff({
        from: hasMigrations ? { tag: 'migrations', ...readMigrationList(dir) } : { tag: 'empty' },
        to: { tag: 'schemaDatamodel', files: [{ path: SCHEMA_PATH, content: schema }] },
        script: true,
        exitCode: true,
        filters: FILTERS,
      });
      return out.exitCode === 2 ? (out.stdout ?? '') : '';
    });
  } finally {
    await Promise.all([pglite.close(), shadow.close()]);
  }
}
