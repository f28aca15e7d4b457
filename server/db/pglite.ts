import 'server-only';
import { PGlite, type PGliteOptions } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';

/**
 * The one way to open a PGlite instance. Search (issue 15) indexes text with the `pg_trgm` extension
 * (docs/decisions/013-search.md); PGlite ships it as a bundle that each instance must load itself.
 * A data directory whose migrations created the extension cannot even take an INSERT into an
 * indexed table without it ("could not access file pg_trgm"), so every instance loads it: the app,
 * the schema engine's shadow database, backups, tests and the bench. tests/unit/pglite-open.test.ts
 * finds any other `PGlite.create` on disk and fails.
 */
export const PGLITE_EXTENSIONS = { pg_trgm };

export type CreatePgliteOptions = Omit<PGliteOptions, 'extensions' | 'loadDataDir' | 'startParams'> & {
  /** A dump to start from (an uncompressed tarball of a data directory), handed over: PGlite may keep the bytes. */
  loadDataDir?: Uint8Array;
};

export function createPglite({ loadDataDir, ...options }: CreatePgliteOptions = {}): Promise<PGlite> {
  return PGlite.create({
    ...options,
    loadDataDir: loadDataDir && new TarballBlob(loadDataDir),
    startParams: options.dataDir ? undefined : IN_MEMORY_START,
    extensions: PGLITE_EXTENSIONS,
  });
}

/**
 * An in-memory instance keeps its data files in memory already: a buffer pool of 16 MB instead of
 * Postgres's 128 MB caches them a second time, and each start spent ~0.4 s of a slow core clearing
 * the larger pool (tests open ~110 such databases a run; docs/decisions/010-test-suite.md, addendum
 * 2026-12-07 late). A data directory on disk keeps the default.
 */
const IN_MEMORY_START = [...PGlite.defaultStartParams, '-c', 'shared_buffers=16MB'];

/**
 * A tarball PGlite reads at the speed of memory. PGlite reads `loadDataDir` once, with
 * `arrayBuffer()`; on Node 20 a Blob copies its bytes in when made and out again in small chunks
 * joined together: more than half a second of each 70 MB start on a slow core, more than untarring it
 * (docs/decisions/010-test-suite.md, addendum 2026-12-07 late). This one hands
 * PGlite the bytes it was given. Anything else asked of it (`stream`, `text`, `slice`) goes through a
 * plain Blob of the same bytes, made when first asked.
 */
class TarballBlob extends Blob {
  readonly #bytes: Uint8Array;
  #plain: Blob | null = null;

  constructor(bytes: Uint8Array) {
    super([]);
    this.#bytes = bytes;
  }

  override get size(): number {
    return this.#bytes.byteLength;
  }

  override async arrayBuffer(): Promise<ArrayBuffer> {
    const bytes = this.#bytes;
    const whole = bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
    return whole ? (bytes.buffer as ArrayBuffer) : (bytes.slice().buffer as ArrayBuffer);
  }

  #asPlain(): Blob {
    return (this.#plain ??= new Blob([this.#bytes as Uint8Array<ArrayBuffer>]));
  }

  override bytes() {
    return this.#asPlain().bytes();
  }

  override slice(start?: number, end?: number, contentType?: string): Blob {
    return this.#asPlain().slice(start, end, contentType);
  }

  override stream() {
    return this.#asPlain().stream();
  }

  override text(): Promise<string> {
    return this.#asPlain().text();
  }
}

type Parsers = Record<number, (value: string, typeId: number) => unknown>;
type QueryOptions = { parsers?: Parsers } & Record<string, unknown>;

/**
 * The instance as pglite-prisma-adapter sees it. The adapter (0.7.2) passes its own type parsers
 * with every query, and PGlite (0.5.16) then copies its whole parser table (~320 entries, one per
 * type and array type) and the adapter's into a new object for that one query: ~150 µs a query,
 * as long as reading the data versions itself takes (docs/decisions/024-pglite-parsers.md).
 * Here the adapter's parsers are written into the instance's own table once (and again
 * if PGlite rebuilt one of those entries: refreshArrayTypes), and its queries go without them:
 * every value is parsed by the same function as before, without the copy.
 *
 * The instance's other users read no column those parsers cover (COPY into a blob, the backup's
 * boolean check, dumpDataDir); tests/pglite/pglite-parsers.test.ts holds both sides to it.
 */
export function withInstalledParsers(pglite: PGlite): PGlite {
  const table = pglite.parsers as Parsers;
  let installed: Parsers | null = null;
  let keys: number[] = [];
  const without = <O extends QueryOptions | undefined>(options: O): O => {
    const parsers = options?.parsers;
    if (!parsers) return options;
    if (parsers !== installed || keys.some((k) => table[k] !== parsers[k])) {
      Object.assign(table, parsers);
      installed = parsers;
      keys = Object.keys(parsers).map(Number);
    }
    const { parsers: _omitted, ...rest } = options;
    return rest as O;
  };
  type Query = (sql: string, params?: unknown[], options?: QueryOptions) => Promise<unknown>;
  const viewOf = <T extends object>(target: T, query: Query): T =>
    new Proxy(target, {
      get(object, property) {
        if (property === 'query') return (sql: string, params?: unknown[], options?: QueryOptions) => query(sql, params, without(options));
        if (property === 'transaction' && object === (pglite as object)) {
          return <R>(run: (tx: object) => Promise<R>) =>
            pglite.transaction((tx) => run(viewOf(tx, tx.query.bind(tx) as Query)));
        }
        const value: unknown = Reflect.get(object, property);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(object) : value;
      },
    });
  return viewOf(pglite, pglite.query.bind(pglite) as Query);
}
