import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, installDatabase } from '@/server/db/client';
import { wireConnection } from '@/server/db/config';
import { copyCsvToBlob } from '@/server/db/copy';
import { serveEmbedded, type EmbeddedServer } from '@/server/db/embedded-server';
import { createPglite } from '@/server/db/pglite';
import { testEngine } from '@/tests/support/test-database';

/**
 * The embedded database served to several app processes over its Unix socket (decision 029): real
 * `pg` clients on a real PGlite, many at once, as the app processes' pools send them. PGlite runs one
 * statement at a time in one session, so what is checked is that each connection's answers are its
 * own: parameters never bound to another's statement, transactions never mixed, and a connection
 * that vanishes leaves nothing open for the next.
 */
describe.runIf(testEngine() === 'pglite')('the embedded database served over its socket', () => {
  let pglite: PGlite;
  let server: EmbeddedServer;
  let socketDir: string;
  const clients: pg.Client[] = [];

  const connect = async () => {
    const client = new pg.Client({ connectionString: server.connectionString });
    client.on('error', () => {}); // the vanishing client below
    await client.connect();
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    pglite = await createPglite();
    await pglite.exec('CREATE TABLE ledger (who int NOT NULL, n int NOT NULL, note text)');
    socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-db-test-'));
    server = await serveEmbedded(pglite, socketDir);
  });

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.end().catch(() => {})));
    await server?.close();
    await pglite?.close();
    fs.rmSync(socketDir, { recursive: true, force: true });
  });

  it('listens on a socket only its user can open, where the app processes are told to connect', () => {
    const socket = path.join(socketDir, '.s.PGSQL.5432');
    expect(fs.statSync(socket).mode & 0o777).toBe(0o600);
    expect(wireConnection({ engine: 'pglite', dataDir: '/srv/accord/data/pglite', socketDir })).toEqual({ connectionString: server.connectionString, schema: null });
    expect(new URL(server.connectionString).searchParams.get('host')).toBe(socketDir);
  });

  it('answers each of many connections with its own statement\'s result, whatever their parameters', async () => {
    // Different statements with different numbers of parameters, from eight connections at once.
    // The big ones (a Bind of ~1 MB, more than a socket's buffer) reach the server in several
    // pieces: another connection's Parse landing between this one's Parse and its late Bind fails
    // ("bind message supplies 8001 parameters, but prepared statement "" requires 9", as this test
    // reads without the rule) or, with equal counts, answers wrongly.
    const workers = await Promise.all(Array.from({ length: 8 }, () => connect()));
    const wrong: string[] = [];
    await Promise.all(workers.map(async (client, who) => {
      for (let i = 0; i < 16; i++) {
        const width = (who + i) % 4 === 0 ? 8000 + who * 100 + i : 1 + ((who + i) % 9);
        const values = Array.from({ length: width }, (_, k) => `${who}:${i}:${k}`.padEnd(120, '.'));
        const placeholders = values.map((_, k) => `$${k + 1}`).join(', ');
        try {
          const { rows } = await client.query<{ n: number; last: string; who: number }>(
            `SELECT array_length(ARRAY[${placeholders}]::text[], 1) AS n, $${width}::text AS last, $${width + 1}::int AS who`, [...values, who]);
          if (rows[0]?.n !== width || rows[0]?.last !== values.at(-1) || rows[0]?.who !== who) wrong.push(`connection ${who}, round ${i}: ${JSON.stringify(rows[0])}`);
        } catch (error) {
          wrong.push(`connection ${who}, round ${i}: ${(error as Error).message}`);
        }
      }
    }));
    expect(wrong).toEqual([]);
  });

  it('sends each connection a big answer whole and unchanged, however slowly it is read', async () => {
    // Answers of a few MB outgrow the socket's buffer, so the server still holds one while PGlite
    // writes the next: what it holds must be its own copy (the bench saw garbage lengths otherwise).
    const workers = await Promise.all(Array.from({ length: 6 }, () => connect()));
    const md5 = (text: string) => createHash('md5').update(text).digest('hex');
    const wrong: string[] = [];
    await Promise.all(workers.map(async (client, who) => {
      for (let round = 0; round < 3; round++) {
        const rows = 4000 + who * 100 + round;
        const { rows: got } = await client.query<{ i: number; s: string }>(
          'SELECT i, repeat(md5(i::text || $1), 12) AS s FROM generate_series(1, $2::int) i ORDER BY i', [`:${who}`, rows]);
        if (got.length !== rows) wrong.push(`connection ${who}, round ${round}: ${got.length} rows of ${rows}`);
        const bad = got.find((r, k) => r.i !== k + 1 || r.s !== md5(`${k + 1}:${who}`).repeat(12));
        if (bad) wrong.push(`connection ${who}, round ${round}: row ${bad.i} differs`);
      }
    }));
    expect(wrong).toEqual([]);
  }, 30_000); // a desynchronised client hangs rather than fails: end it sooner than the default

  it('keeps each transaction to its connection: what one rolls back is gone, what another commits stays', async () => {
    const workers = await Promise.all(Array.from({ length: 6 }, () => connect()));
    await Promise.all(workers.map(async (client, who) => {
      for (let i = 0; i < 15; i++) {
        await client.query('BEGIN');
        await client.query('INSERT INTO ledger (who, n) VALUES ($1, $2)', [who, i]);
        // Inside its transaction a connection sees its own uncommitted row (the session is shared,
        // so this only holds if no one else's statement ran in between).
        const { rows } = await client.query<{ c: number }>('SELECT count(*)::int AS c FROM ledger WHERE who = $1 AND n = $2', [who, i]);
        expect(rows[0]!.c).toBe(1);
        await client.query(i % 3 === 0 ? 'ROLLBACK' : 'COMMIT');
      }
    }));
    const { rows } = await pglite.query<{ who: number; c: number }>('SELECT who, count(*)::int AS c FROM ledger GROUP BY who ORDER BY who');
    expect(rows).toEqual(Array.from({ length: 6 }, (_, who) => ({ who, c: 10 }))); // 15 rounds, every third rolled back
  });

  it('rolls back what a connection left open when it vanished, and serves the others meanwhile', async () => {
    const [vanishing, other] = [await connect(), await connect()];
    await vanishing.query('BEGIN');
    await vanishing.query('INSERT INTO ledger (who, n) VALUES (99, 1)');
    // The other's statement waits for the transaction it must not join; the connection then dies.
    const waiting = other.query<{ c: number }>('SELECT count(*)::int AS c FROM ledger WHERE who = 99');
    (vanishing as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    expect((await waiting).rows[0]!.c).toBe(0);
    expect(pglite.isInTransaction()).toBe(false);
    await expect(other.query('SELECT 1 AS one')).resolves.toMatchObject({ rows: [{ one: 1 }] });
  });

  it('answers a failing statement with PostgreSQL\'s error, and the next statements as usual', async () => {
    const [a, b] = [await connect(), await connect()];
    const results = await Promise.allSettled([
      a.query('SELECT $1::int / 0 AS x', [1]),
      b.query('SELECT $1::text || $2::text AS joined', ['left', 'right']),
      a.query('SELECT missing_column FROM ledger'),
      b.query('SELECT $1::int * 2 AS twice', [21]),
    ]);
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value.rows[0] : (r.reason as Error).message))).toEqual([
      'division by zero', { joined: 'leftright' }, 'column "missing_column" does not exist', { twice: 42 },
    ]);
  });

  it('carries the app\'s own reads and exports: Prisma through the wire adapter, and COPY read whole', async () => {
    const handle = createDatabase({ engine: 'pglite', dataDir: path.join(socketDir, 'not-opened'), socketDir });
    installDatabase(handle);
    try {
      const rows = await handle.db.$queryRaw<{ who: number; c: bigint }[]>`SELECT who, count(*) AS c FROM ledger WHERE who < ${2} GROUP BY who ORDER BY who`;
      expect(rows).toEqual([{ who: 0, c: 10n }, { who: 1, c: 10n }]);
      expect(handle.adapter.pglite).toBeUndefined(); // nothing in this process holds the data directory
      const copied = await copyCsvToBlob('SELECT who, n, E\'a "quoted",\\nline\' AS note FROM ledger WHERE who = 0 ORDER BY n LIMIT 2');
      expect(copied.rows).toBe(2);
      expect(Buffer.from(copied.bytes).toString()).toBe('0,1,"a ""quoted"",\nline"\n0,2,"a ""quoted"",\nline"\n');
      expect(fs.existsSync(path.join(socketDir, 'not-opened'))).toBe(false);
    } finally {
      installDatabase(undefined);
      await handle.close();
    }
  });

  it.each(['in this process', 'served over the socket'] as const)('lets a transaction wait its turn behind a longer one, %s (one at a time on PGlite)', async (where) => {
    const handle = where === 'in this process'
      ? createDatabase({ engine: 'pglite', dataDir: null })
      : createDatabase({ engine: 'pglite', dataDir: path.join(socketDir, 'not-opened'), socketDir });
    try {
      const order: string[] = [];
      // The first holds its transaction 3 s without holding the thread (Prisma's default wait is 2 s).
      const first = handle.db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 1`;
        order.push('first began');
        await new Promise((resolve) => setTimeout(resolve, 3_000));
        order.push('first ends');
      }, { timeout: 10_000 });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const second = handle.db.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT 2`;
        order.push('second began');
      });
      await Promise.all([first, second]);
      expect(order).toEqual(['first began', 'first ends', 'second began']);
    } finally {
      await handle.close();
    }
  });

  it('closes every connection and removes its socket when it stops', async () => {
    const client = await connect();
    const second = await serveEmbedded(pglite, fs.mkdtempSync(path.join(os.tmpdir(), 'accord-db-test-')));
    const onSecond = new pg.Client({ connectionString: second.connectionString });
    onSecond.on('error', () => {});
    await onSecond.connect();
    expect(second.connections()).toBe(1);
    await second.close();
    expect(fs.existsSync(path.join(second.socketDir, '.s.PGSQL.5432'))).toBe(false);
    await expect(onSecond.query('SELECT 1')).rejects.toThrow();
    fs.rmSync(second.socketDir, { recursive: true, force: true });
    await expect(client.query('SELECT 2 AS two')).resolves.toMatchObject({ rows: [{ two: 2 }] });
  });
});
