import { describe, expect, it } from 'vitest';
import { asUserFacing, isDatabaseUnavailable } from '@/server/health/unavailable';
import { DatabaseLockedError } from '@/server/db/pglite-lock';
import { ConflictError, DatabaseUnavailableError } from '@/server/errors';

// The shapes below are the errors seen when the outage test (e2e/database-outage.spec.ts) stops
// its PostgreSQL: the end-to-end test proves the behaviour, this pins the classification.
const prismaError = (code: string, cause: Record<string, unknown>) =>
  Object.assign(new Error(`Invalid invocation`), { name: 'PrismaClientKnownRequestError', code, meta: { driverAdapterError: { name: 'DriverAdapterError', cause } } });

describe('database errors that are not bugs', () => {
  it.each([
    ['server unreachable (P1001)', prismaError('P1001', { kind: 'DatabaseNotReachable', host: '127.0.0.1', port: 5499 })],
    ['raw query on an unreachable server (P2010)', prismaError('P2010', { kind: 'DatabaseNotReachable' })],
    ['connection ended by a shutdown (57P01)', prismaError('P2039', { kind: 'postgres', code: '57P01', message: 'terminating connection due to administrator command' })],
    ['server starting up (57P03)', prismaError('P2010', { kind: 'postgres', code: '57P03' })],
    ['connection closed', prismaError('P2010', { kind: 'ConnectionClosed' })],
    ['a pooled connection that died while idle', new Error('Connection terminated unexpectedly')],
    ['connection refused', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5499'), { code: 'ECONNREFUSED' })],
    ['pool exhausted (P2024)', Object.assign(new Error('Timed out fetching a new connection'), { code: 'P2024' })],
    ['wrapped by better-auth', Object.assign(new Error('Failed to get session'), { cause: prismaError('P1001', { kind: 'DatabaseNotReachable' }) })],
    ['embedded database held by another process', new DatabaseLockedError('/data/pglite.lock', { pid: 42, command: 'next', startedAt: 'now' })],
  ])('%s: yes', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
    expect(asUserFacing(error)).toBeInstanceOf(DatabaseUnavailableError);
  });

  it.each([
    ['a unique constraint violation', prismaError('P2002', { kind: 'UniqueConstraintViolation' })],
    ['a syntax error', prismaError('P2010', { kind: 'postgres', code: '42601' })],
    ['a bug', new TypeError('Cannot read properties of undefined')],
    ['a value that is not an error', 'nope'],
  ])('%s: no', (_name, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(asUserFacing(error)).toBe(error);
  });

  it('a deadlock or serialization failure between simultaneous edits is a 409, not a 500', () => {
    for (const error of [
      Object.assign(new Error('Transaction failed due to a write conflict or a deadlock.'), { code: 'P2034' }),
      prismaError('P2010', { kind: 'postgres', code: '40P01' }),
      prismaError('P2010', { kind: 'TransactionWriteConflict' }),
    ]) {
      expect(asUserFacing(error)).toMatchObject({ status: 409, message: expect.stringMatching(/at the same moment/) });
    }
  });

  it('leaves errors a person can act on as they are', () => {
    const conflict = new ConflictError('changed');
    expect(asUserFacing(conflict)).toBe(conflict);
    expect(new DatabaseUnavailableError().status).toBe(503);
  });

  it('survives a cause cycle', () => {
    const a: { cause?: unknown; message: string } = { message: 'a' };
    a.cause = a;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });
});
