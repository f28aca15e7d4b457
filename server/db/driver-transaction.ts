import 'server-only';
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ArgType, SqlDriverAdapter, Transaction } from '@prisma/driver-adapter-utils';
import type pg from 'pg';
import type { Prisma } from '@/generated/prisma/client';
import { getDatabase } from './client';
import { copyValuesOut } from './copy-binary';

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
   * The SQL for parameter `$n` carrying bytes (a Buffer in `args`): PostgreSQL takes them as a
   * binary parameter; the embedded engine as base64 text it decodes (PGlite serialises a binary
   * parameter byte by byte: ~600 ms per MiB against ~50 ms).
   */
  bytes(n: number): string;
  /** A statement with `$1…` parameters; the number of rows it changed. */
  execute(sql: string, args: readonly DriverArg[]): Promise<number>;
  /** A query with `$1…` parameters; its rows as objects keyed by column name. */
  query<Row extends Record<string, unknown>>(sql: string, args: readonly DriverArg[]): Promise<Row[]>;
  /**
   * PostgreSQL only (null on the embedded engine): the values of `select`'s one bytea column, in
   * order, each handed to `each` as raw bytes in a buffer reused for the next (a binary COPY,
   * copy-binary.ts: no text is built for them); the number of values. COPY takes no parameters:
   * values go into `select` as literals (copy.ts's `literal`).
   */
  copyValues: ((select: string, each: (bytes: Buffer) => Promise<void>) => Promise<number>) | null;
};
export type DriverArg = string | number | Buffer;

const argType = (arg: DriverArg): ArgType =>
  typeof arg === 'string' ? { scalarType: 'string', arity: 'scalar' }
  : typeof arg === 'number' ? { scalarType: Number.isInteger(arg) ? 'int' : 'float', arity: 'scalar' }
  : { scalarType: 'bytes', arity: 'scalar' };

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
      const embedded = getDatabase().engine === 'pglite';
      const prepare = (args: readonly DriverArg[]) => ({
        args: args.map((arg) => (embedded && Buffer.isBuffer(arg) ? arg.toString('base64') : arg)),
        argTypes: args.map((arg) => (embedded && Buffer.isBuffer(arg) ? argType('') : argType(arg))),
      });
      const driver: Driver = {
        bytes: (n) => (embedded ? `decode($${n}, 'base64')` : `$${n}::bytea`),
        execute: (sql, args) => transaction.executeRaw({ sql, ...prepare(args) }),
        async query<Row extends Record<string, unknown>>(sql: string, args: readonly DriverArg[]) {
          const result = await transaction.queryRaw({ sql, ...prepare(args) });
          return result.rows.map((row) => Object.fromEntries(result.columnNames.map((name, i) => [name, row[i]])) as Row);
        },
        copyValues: embedded ? null : (select, each) => copyValuesOut(connectionOf(transaction), select, each),
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
