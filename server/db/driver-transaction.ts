import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ArgType, SqlDriverAdapter, Transaction } from '@prisma/driver-adapter-utils';
import type pg from 'pg';
import type { Prisma } from '@/generated/prisma/client';
import { getDatabase } from './client';
import { assertInt4, binaryCopyRow, copyValuesFromBlob, copyValuesOut, type CopyValue } from './copy-binary';

/**
 * Statements that carry a large value (a document's 1 MiB chunks) sent straight to the driver,
 * on the connection and inside the transaction of a Prisma `$transaction`.
 *
 * Why: Prisma 7 passes every raw query, parameters included, through its query compiler and
 * back (JSON in and out of WebAssembly): measured, ~4 MB of short-lived heap per 1.4 MB
 * parameter, in V8's large-object space, freed only by a full collection. A 25 MB upload grew the
 * app's heap by ~100 MB that way (decision 007). The driver adapter's own `executeRaw` copies the
 * value once, into the wire message.
 *
 * How: the adapters are wrapped (captureTransactions, in adapter.ts) so that a transaction they
 * start is handed to the AsyncLocalStorage slot of the `withDriver` call that asked for it. The
 * adapter's transaction is the one Prisma's `tx` uses: both sides see each other's writes, and
 * they commit or roll back together. Statements must not overlap: await each before the next.
 */
type Slot = { transaction?: Transaction };
// One store per process, on globalThis: Next.js evaluates server modules once per bundle layer (the
// instrumentation that starts the job runner, route handlers, pages), and the adapter is wrapped by
// whichever layer opened the database first (server/db/client.ts keeps one handle per process).
// A store per module copy left the route's slot empty in production.
const slotsKey = Symbol.for('accord.driverTransactionSlots');
const slots: AsyncLocalStorage<Slot> = ((globalThis as Record<symbol, unknown>)[slotsKey] ??= new AsyncLocalStorage<Slot>()) as AsyncLocalStorage<Slot>;

/**
 * Wraps an adapter so the transactions it starts can be reached by `withDriver`, and run their
 * statements one at a time.
 */
export function captureTransactions<A extends SqlDriverAdapter>(adapter: A): A {
  const start = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const transaction = oneAtATime(await start(isolationLevel));
    const slot = slots.getStore();
    if (slot && !slot.transaction) slot.transaction = transaction;
    return transaction;
  };
  return adapter;
}

/**
 * A transaction is one connection. Prisma 7.10's query interpreter loads a query's `include`d
 * relations with Promise.all, so inside a transaction it sent several statements on one `pg` client
 * at once: pg 8 queues them with a deprecation warning, pg 9 refuses them (prisma/orm#29407; the fix
 * proposed there, prisma/orm#29979, serializes them in the adapter, as this does). Each statement
 * now waits for the one before it, which is what pg's queue did anyway: nothing runs slower.
 * tests/support/one-query-at-a-time.ts fails any test that sends a statement on a busy client.
 */
function oneAtATime(transaction: Transaction): Transaction {
  let last: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const mine = last.then(run, run);
    last = mine.catch(() => {});
    return mine;
  };
  const queryRaw = transaction.queryRaw.bind(transaction);
  const executeRaw = transaction.executeRaw.bind(transaction);
  transaction.queryRaw = (query) => inTurn(() => queryRaw(query));
  transaction.executeRaw = (query) => inTurn(() => executeRaw(query));
  return transaction;
}

export type Driver = {
  /**
   * Inserts one row carrying a large byte value (a document's 1 MiB chunk), the fastest way each
   * engine takes one: PostgreSQL an INSERT whose bytes travel as a binary parameter; the embedded
   * engine a binary COPY from a blob (PGlite serialises a binary parameter byte by byte, ~600 ms
   * per MiB; base64 text it decodes, the way before, ~20 ms; the COPY ~13, about what copying the
   * value inside the engine costs: bench/results/notes.md, 2026-12-07). `table` and the columns are
   * the code's own names, never input.
   */
  insertRow(table: string, row: Record<string, CopyValue>): Promise<void>;
  /** A statement with `$1…` parameters; the number of rows it changed. */
  execute(sql: string, args: readonly DriverArg[]): Promise<number>;
  /** A query with `$1…` parameters; its rows as objects keyed by column name. */
  query<Row extends Record<string, unknown>>(sql: string, args: readonly DriverArg[]): Promise<Row[]>;
  /**
   * The values of `select`'s one bytea column, in order, each handed to `each` as raw bytes valid
   * until `each` returns (a binary COPY, copy-binary.ts: no text is built for them); the
   * number of values. COPY takes no parameters: values go into `select` as literals (copy.ts's
   * `literal`). On PostgreSQL the COPY streams (`copyStreams`); the embedded engine's lands in
   * memory whole first, so there select one large value per call.
   */
  copyValues(select: string, each: (bytes: Buffer) => Promise<void>): Promise<number>;
  /** True on a PostgreSQL server: copyValues streams, whatever it selects (the embedded database, even served over its socket, answers a COPY whole). */
  readonly copyStreams: boolean;
};
export type DriverArg = string | number;

const argType = (arg: DriverArg): ArgType =>
  typeof arg === 'string' ? { scalarType: 'string', arity: 'scalar' } : { scalarType: Number.isInteger(arg) ? 'int' : 'float', arity: 'scalar' };
const byteArgType: ArgType = { scalarType: 'bytes', arity: 'scalar' };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const quoted = (name: string) => {
  if (!NAME.test(name)) throw new Error(`Not a plain SQL name: ${name.slice(0, 40)}`);
  return `"${name}"`;
};

/**
 * `db.$transaction(fn)` with, beside Prisma's `tx`, the same transaction's driver. Throws (before
 * anything is written) if the adapter did not hand its transaction over.
 */
export function transactionWithDriver<T>(
  fn: (tx: Prisma.TransactionClient, driver: Driver) => Promise<T>,
  options?: { timeout?: number; maxWait?: number; isolationLevel?: Prisma.TransactionIsolationLevel },
): Promise<T> {
  const slot: Slot = {};
  return slots.run(slot, () =>
    getDatabase().db.$transaction(async (tx) => {
      const transaction = slot.transaction;
      if (!transaction) throw new Error('The database adapter did not hand over its transaction (captureTransactions is missing).');
      // PGlite in this process takes COPY into and out of blobs; over the wire (PostgreSQL, or the
      // embedded database served to several app processes, decision 029) COPY goes TO STDOUT, and
      // only a PostgreSQL server streams COPY FROM STDIN.
      const pgliteInProcess = getDatabase().adapter.pglite !== undefined;
      const plain = (args: readonly DriverArg[]) => ({ args: [...args], argTypes: args.map(argType) });
      const driver: Driver = {
        async insertRow(table, row) {
          const columns = Object.keys(row).map(quoted).join(', ');
          const values = Object.values(row);
          for (const value of values) if ('int4' in value) assertInt4(value.int4);
          if (pgliteInProcess) {
            await pgliteOf(transaction).query(`COPY ${quoted(table)} (${columns}) FROM '/dev/blob' WITH (FORMAT binary)`, [], { blob: new Blob([binaryCopyRow(values)]) });
            return;
          }
          const placeholders = values.map((v, i) => ('bytea' in v ? `$${i + 1}::bytea` : `$${i + 1}`)).join(', ');
          await transaction.executeRaw({
            sql: `INSERT INTO ${quoted(table)} (${columns}) VALUES (${placeholders})`,
            args: values.map((v) => ('bytea' in v ? v.bytea : 'text' in v ? v.text : v.int4)),
            argTypes: values.map((v) => ('bytea' in v ? byteArgType : 'text' in v ? argType('') : argType(1))),
          });
        },
        execute: (sql, args) => transaction.executeRaw({ sql, ...plain(args) }),
        async query<Row extends Record<string, unknown>>(sql: string, args: readonly DriverArg[]) {
          const result = await transaction.queryRaw({ sql, ...plain(args) });
          return result.rows.map((row) => Object.fromEntries(result.columnNames.map((name, i) => [name, row[i]])) as Row);
        },
        copyValues: pgliteInProcess
          ? async (select, each) => copyValuesFromBlob((await pgliteOf(transaction).query(`COPY (${select}) TO '/dev/blob' WITH (FORMAT binary)`)).blob, each)
          : (select, each) => copyValuesOut(connectionOf(transaction), select, each),
        copyStreams: getDatabase().engine === 'postgresql',
      };
      return fn(tx, driver);
    }, options),
  );
}

/**
 * The `pg` connection under adapter-pg's transaction (its `client`, protected in the typings): COPY
 * streams need the connection itself, and this one is inside the transaction Prisma's `tx` uses.
 */
function connectionOf(transaction: Transaction): pg.ClientBase {
  const client = (transaction as unknown as { client?: pg.ClientBase }).client;
  if (typeof client?.query !== 'function') throw new Error('adapter-pg\'s transaction no longer exposes its connection (`client`): check server/db/driver-transaction.ts against @prisma/adapter-pg.');
  return client;
}

/** The embedded engine's transaction under pglite-prisma-adapter's (its `client`, as for `pg`). */
function pgliteOf(transaction: Transaction): { query(sql: string, params?: unknown[], options?: { blob?: Blob }): Promise<{ blob?: Blob }> } {
  const client = (transaction as unknown as { client?: { query?: unknown } }).client;
  if (typeof client?.query !== 'function') throw new Error('pglite-prisma-adapter\'s transaction no longer exposes its PGlite transaction (`client`): check server/db/driver-transaction.ts against the adapter.');
  return client as ReturnType<typeof pgliteOf>;
}
