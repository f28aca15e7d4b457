import 'server-only';
import { isWriteConflict, WRITE_CONFLICT_MESSAGE } from '@/server/concurrency';
import { ConflictError, DatabaseUnavailableError, UserFacingError } from '@/server/errors';

/**
 * Is this error "the database cannot be reached right now" (server down or restarting, network
 * cut, connections exhausted, the embedded database held by another process), as opposed to a bug
 * or a refused write? Those are answered 503 "try again", never 500 (issue 8: outages are
 * survived). The errors come in several shapes, all seen here against a PostgreSQL that was
 * stopped mid-run (e2e/database-outage.spec.ts):
 * - Prisma known errors P1001 / P1017 / P2024, or P20xx carrying the driver adapter's cause
 *   (`kind: 'DatabaseNotReachable' | 'ConnectionClosed' | …`, or `kind: 'postgres'` with a
 *   connection-class SQLSTATE such as 57P01 "terminating connection due to administrator command");
 * - a bare `pg` error ("Connection terminated unexpectedly", ECONNREFUSED) from a pooled
 *   connection that died while idle;
 * - DatabaseLockedError: another process holds the embedded database (server/db/pglite-lock.ts).
 */
const PRISMA_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError']);
const NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
// SQLSTATE class 08 (connection exception), 57P01-57P03 (shutdown, crash, not accepting yet), 53300 (too many connections).
const isConnectionSqlState = (code: unknown) => typeof code === 'string' && (/^08[0-9A-Z]{3}$/.test(code) || /^57P0[123]$/.test(code) || code === '53300');
const MESSAGES = /Connection terminated|connection error and is not queryable|timeout exceeded when trying to connect|Can't reach database server|server closed the connection unexpectedly/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    if (matches(current as Record<string, unknown>)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

function matches(e: Record<string, unknown>): boolean {
  if (e.name === 'DatabaseLockedError' || e.name === 'DatabaseUnavailableError') return true;
  if (typeof e.code === 'string' && (PRISMA_CODES.has(e.code) || NODE_CODES.has(e.code) || isConnectionSqlState(e.code))) return true;
  if (typeof e.errorCode === 'string' && PRISMA_CODES.has(e.errorCode)) return true; // PrismaClientInitializationError
  const adapterCause = (e.meta as { driverAdapterError?: { cause?: { kind?: string; code?: string } } } | undefined)?.driverAdapterError?.cause;
  const cause = adapterCause ?? (e.name === 'DriverAdapterError' ? (e.cause as { kind?: string; code?: string } | undefined) : undefined);
  if (cause?.kind && ADAPTER_KINDS.has(cause.kind)) return true;
  if (cause?.kind === 'postgres' && isConnectionSqlState(cause.code)) return true;
  return typeof e.message === 'string' && MESSAGES.test(e.message);
}

/**
 * Database errors that are not bugs, as errors a person can act on: "unreachable" becomes
 * DatabaseUnavailableError (503, logged in one line), a deadlock or serialization failure between
 * simultaneous edits a ConflictError (409). Anything else is returned as it is.
 */
export function asUserFacing(error: unknown): unknown {
  if (error instanceof UserFacingError) return error;
  if (isWriteConflict(error)) return new ConflictError(WRITE_CONFLICT_MESSAGE);
  // The schemas refuse control characters (lib/schemas/text.ts); this is the second wall for any
  // value that reaches SQL without one (issue 13, finding 8): PostgreSQL refuses NUL in text.
  if (isUnstorableText(error)) return new UserFacingError(400, UNSTORABLE_TEXT_MESSAGE);
  if (!isDatabaseUnavailable(error)) return error;
  const message = (error instanceof Error ? error.message : String(error)).split('\n').filter(Boolean).at(-1) ?? '';
  console.error(`[accord] database unavailable: ${message.slice(0, 300)}`);
  return new DatabaseUnavailableError();
}

export const UNSTORABLE_TEXT_MESSAGE = 'The text contains a control character (such as NUL) that cannot be stored. Remove it and try again.';

/** SQLSTATE 22021 "invalid byte sequence" / 22P05 "untranslatable character", at any depth. */
function isUnstorableText(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const e = current as Record<string, unknown>;
    const adapterCause = (e.meta as { driverAdapterError?: { cause?: { code?: string; originalCode?: string } } } | undefined)?.driverAdapterError?.cause;
    const codes = [e.code, adapterCause?.code, adapterCause?.originalCode];
    if (codes.some((c) => c === '22021' || c === '22P05')) return true;
    if (typeof e.message === 'string' && /invalid byte sequence for encoding "UTF8": 0x00|unsupported Unicode escape sequence/.test(e.message)) return true;
    current = e.cause;
  }
  return false;
}
