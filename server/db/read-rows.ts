import 'server-only';
import { deserializeRawResult } from '@prisma/client/runtime/client';
import { ColumnTypeEnum, type ArgType, type ColumnType, type SqlResultSet } from '@prisma/driver-adapter-utils';
import type { Prisma } from '@/generated/prisma/client';
import { getDatabase } from './client';

/**
 * `db.$queryRaw` for the few small reads every request makes (the session, the data versions, the
 * reader's own dashboard row, the readiness check), sent straight to the driver adapter Prisma
 * itself connected, and answered with the same rows `$queryRaw` gives.
 *
 * Why: Prisma 7 takes every raw statement through its query interpreter (parameters serialised to
 * JSON and back, a plan, its result serialised again): measured in process, ~130–150 µs of CPU a
 * statement on PostgreSQL and 100–290 µs on PGlite above the adapter's own call, for statements
 * that cost 100–350 µs in the adapter (bench/results/notes.md, 2026-12-06). Four of them on every
 * dashboard view (docs/decisions/026-request-reads.md).
 *
 * Same answer: the values are converted as Prisma's client converts a raw result (its column-type
 * table, below, then its own exported `deserializeRawResult`), and tests/db/read-rows.test.ts
 * compares both on every column type these reads return, on both engines.
 * Same errors: a statement the adapter refuses is sent again through `$queryRaw`, so a failure has
 * Prisma's shape (the outage pages and /api/health recognise it). Reads only: a write must not run
 * twice, and goes through `writeRows` below, which never sends a statement again.
 * Before Prisma's first connection (the first statement of a process) either is `$queryRaw` itself.
 */
export async function readRows<T>(query: Prisma.Sql): Promise<T[]> {
  const handle = getDatabase();
  const adapter = handle.adapter.connected();
  if (!adapter) return handle.db.$queryRaw<T[]>(query);
  const statement = statementOf(query);
  let result: SqlResultSet;
  try {
    result = await adapter.queryRaw(statement);
  } catch {
    return handle.db.$queryRaw<T[]>(query);
  }
  return rowsOf<T>(result);
}

/**
 * readRows for the one statement every API call makes that writes: the token lookup that counts
 * the request against its rate limits (server/tokens/authenticate.ts, decision 020). Sent once and
 * never again through `$queryRaw`, since a failed statement may have counted: its failure is the
 * adapter's own error (a `DriverAdapterError`, which `isDatabaseUnavailable` and `asUserFacing`
 * read as they read Prisma's), with the same message. tests/db/read-rows.test.ts.
 */
export async function writeRows<T>(query: Prisma.Sql): Promise<T[]> {
  const handle = getDatabase();
  const adapter = handle.adapter.connected();
  if (!adapter) return handle.db.$queryRaw<T[]>(query);
  return rowsOf<T>(await adapter.queryRaw(statementOf(query)));
}

const statementOf = (query: Prisma.Sql) => ({ sql: query.text, args: query.values.map(argOf), argTypes: query.values.map(argTypeOf) });

function rowsOf<T>(result: SqlResultSet): T[] {
  return deserializeRawResult({
    columns: result.columnNames,
    types: result.columnTypes.map(typeName) as Parameters<typeof deserializeRawResult>[0]['types'],
    rows: result.rows.map((row) => row.map((value, i) => serialized(value, result.columnTypes[i]!))),
  }) as T[];
}

// Parameters as Prisma 7.10 passes a raw query's (its client's `il`): strings and numbers as they
// are, numbers typed "decimal". Anything else goes through $queryRaw, which knows every type.
type ReadArg = string | number;
function argOf(value: unknown): ReadArg {
  if (typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value))) return value;
  throw new TypeError(`readRows takes text and number parameters only (got ${typeof value}); use db.$queryRaw.`);
}
const argTypeOf = (value: unknown): ArgType => ({ scalarType: typeof value === 'number' ? 'decimal' : 'string', arity: 'scalar' });

// Prisma 7.10's client, raw results (its `ur` and `$d`): the adapter's value for each column type,
// then the type's name, which deserializeRawResult turns into a Date, a BigInt, a Decimal or bytes.
function serialized(value: unknown, type: ColumnType): unknown {
  if (value === null) return null;
  switch (type) {
    case ColumnTypeEnum.Int32:
      return Math.trunc(Number(value));
    case ColumnTypeEnum.Int64:
      return typeof value === 'number' ? BigInt(Math.trunc(value)) : value;
    case ColumnTypeEnum.Json:
      return JSON.parse(value as string);
    case ColumnTypeEnum.Boolean:
      return typeof value === 'boolean' ? value : typeof value === 'string' ? value === 'true' || value === '1' : value === 1;
    case ColumnTypeEnum.Int32Array:
    case ColumnTypeEnum.Int64Array:
    case ColumnTypeEnum.JsonArray:
    case ColumnTypeEnum.BooleanArray:
      throw new TypeError('readRows reads no array columns; use db.$queryRaw.');
    default:
      return value;
  }
}

const TYPE_NAMES: Partial<Record<ColumnType, string>> = {
  [ColumnTypeEnum.Int32]: 'int', [ColumnTypeEnum.Int64]: 'bigint', [ColumnTypeEnum.Float]: 'float', [ColumnTypeEnum.Double]: 'double',
  [ColumnTypeEnum.Text]: 'string', [ColumnTypeEnum.Enum]: 'enum', [ColumnTypeEnum.Bytes]: 'bytes', [ColumnTypeEnum.Boolean]: 'bool',
  [ColumnTypeEnum.Character]: 'char', [ColumnTypeEnum.Numeric]: 'decimal', [ColumnTypeEnum.Json]: 'json', [ColumnTypeEnum.Uuid]: 'uuid',
  [ColumnTypeEnum.DateTime]: 'datetime', [ColumnTypeEnum.Date]: 'date', [ColumnTypeEnum.Time]: 'time',
  [ColumnTypeEnum.UnknownNumber]: 'unknown', [ColumnTypeEnum.Set]: 'string',
};
function typeName(type: ColumnType): string {
  const name = TYPE_NAMES[type];
  if (!name) throw new TypeError(`readRows reads no column of type ${type}; use db.$queryRaw.`);
  return name;
}
