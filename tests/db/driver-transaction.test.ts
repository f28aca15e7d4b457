import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CopyValue } from '@/server/db/copy-binary';
import { transactionWithDriver } from '@/server/db/driver-transaction';
import { createPartnership, createUser } from '@/tests/factories/builders';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// server/db/driver-transaction.ts: statements sent to the driver beside Prisma's `tx` are in the
// SAME transaction (decision 007: a document's chunks, its row and its audit row commit together).
let t: TestDatabase;
let partnershipId: string;
const bytes = Buffer.from([0, 1, 2, 0xfe, 0xff, 0x5c, 0x27, 0x00, 0x41]); // NUL, backslash, quote, high bytes

beforeAll(async () => {
  t = await openTestDatabase();
  const owner = await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' });
  partnershipId = (await createPartnership(t.db, { ownerId: owner.id })).id;
  await t.db.$executeRawUnsafe(`CREATE TABLE driver_probe (id text PRIMARY KEY, n int, bytes bytea)`);
});
afterAll(async () => {
  await t?.close();
});

describe('transactionWithDriver', () => {
  it('sees Prisma’s uncommitted writes and Prisma sees its own; bytes round-trip exactly', async () => {
    const seen = await transactionWithDriver(async (tx, driver) => {
      await tx.partnership.update({ where: { id: partnershipId }, data: { name: 'Renamed inside the transaction' } });
      const [row] = await driver.query<{ name: string }>(`SELECT name FROM partnerships WHERE id = $1`, [partnershipId]);
      // A row with bytes (a binary COPY on the embedded engine, an INSERT on PostgreSQL), and one without.
      await driver.insertRow('driver_probe', { id: { text: 'a' }, n: { int4: 7 }, bytes: { bytea: bytes } });
      const changed = await driver.execute(`INSERT INTO driver_probe (id, n) VALUES ($1, $2)`, ['a2', -2147483648]);
      const probes = await tx.$queryRaw<{ id: string; n: number; hex: string | null }[]>`SELECT id, n, encode(bytes, 'hex') AS hex FROM driver_probe WHERE id IN ('a', 'a2') ORDER BY id`;
      return { name: row?.name, changed, probes };
    });
    expect(seen).toEqual({
      name: 'Renamed inside the transaction', changed: 1,
      probes: [{ id: 'a', n: 7, hex: bytes.toString('hex') }, { id: 'a2', n: -2147483648, hex: null }],
    });
  });

  it('rolls back the driver’s statements with Prisma’s when the callback throws', async () => {
    const before = await t.db.partnership.findUniqueOrThrow({ where: { id: partnershipId }, select: { name: true } });
    await expect(
      transactionWithDriver(async (tx, driver) => {
        await driver.execute(`INSERT INTO driver_probe (id, n) VALUES ($1, $2)`, ['b', 1]);
        await driver.insertRow('driver_probe', { id: { text: 'b2' }, n: { int4: 2 }, bytes: { bytea: bytes } });
        await tx.partnership.update({ where: { id: partnershipId }, data: { name: 'Never committed' } });
        throw new Error('stop here');
      }),
    ).rejects.toThrow('stop here');
    const probes = await t.db.$queryRaw<{ id: string }[]>`SELECT id FROM driver_probe WHERE id IN ('b', 'b2')`;
    expect(probes).toEqual([]);
    expect(await t.db.partnership.findUniqueOrThrow({ where: { id: partnershipId }, select: { name: true } })).toEqual(before);
  });

  it('refuses a table or column name that is not a plain SQL name, before sending anything', async () => {
    for (const row of [{ 'id"; DROP TABLE driver_probe; --': { text: 'x' } }, { 'n n': { int4: 1 } }] as Record<string, CopyValue>[]) {
      await expect(transactionWithDriver((_tx, driver) => driver.insertRow('driver_probe', row))).rejects.toThrow('Not a plain SQL name');
    }
    await expect(transactionWithDriver((_tx, driver) => driver.insertRow('driver_probe; --', { id: { text: 'x' } }))).rejects.toThrow('Not a plain SQL name');
    await expect(transactionWithDriver((_tx, driver) => driver.insertRow('driver_probe', { id: { text: 'x' }, n: { int4: 2 ** 31 } }))).rejects.toThrow('not an int4');
    expect(await t.db.$queryRaw`SELECT id FROM driver_probe WHERE id = 'x'`).toEqual([]);
  });

  it('keeps concurrent transactions apart: each callback gets its own transaction', async () => {
    const ids = ['c1', 'c2', 'c3', 'c4'];
    await Promise.all(
      ids.map((id, i) =>
        transactionWithDriver(async (_tx, driver) => {
          await driver.execute(`INSERT INTO driver_probe (id, n) VALUES ($1, $2)`, [id, i]);
          if (i % 2) throw new Error(`rolled back ${id}`);
        }).catch((error: Error) => error.message),
      ),
    );
    const rows = await t.db.$queryRaw<{ id: string }[]>`SELECT id FROM driver_probe WHERE id LIKE 'c%' ORDER BY id`;
    expect(rows.map((r) => r.id)).toEqual(['c1', 'c3']);
  });

  it('gets its own transaction while plain Prisma transactions start at the same moment (the job runner polls beside requests)', async () => {
    const plain = Array.from({ length: 8 }, (_, i) =>
      t.db.$transaction(async (tx) => {
        await tx.$executeRaw`INSERT INTO driver_probe (id, n) VALUES (${`p${i}`}, ${i})`;
      }));
    const driven = Array.from({ length: 8 }, (_, i) =>
      transactionWithDriver(async (tx, driver) => {
        await driver.execute(`INSERT INTO driver_probe (id, n) VALUES ($1, $2)`, [`d${i}`, i]);
        // Prisma's side sees the driver's row: the same transaction, whatever started around it.
        const [row] = await tx.$queryRaw<{ n: number }[]>`SELECT n FROM driver_probe WHERE id = ${`d${i}`}`;
        if (row?.n !== i) throw new Error(`d${i} is not visible to its own transaction`);
        if (i % 2) throw new Error(`roll back d${i}`);
      }).catch((error: Error) => error.message));
    const outcomes = await Promise.all([...plain, ...driven]);
    expect(outcomes.slice(8)).toEqual(Array.from({ length: 8 }, (_, i) => (i % 2 ? `roll back d${i}` : undefined)));
    const rows = await t.db.$queryRaw<{ id: string }[]>`SELECT id FROM driver_probe WHERE id ~ '^[pd][0-9]$' ORDER BY id`;
    expect(rows.map((r) => r.id)).toEqual(['d0', 'd2', 'd4', 'd6', 'p0', 'p1', 'p2', 'p3', 'p4', 'p5', 'p6', 'p7']);
  });

  it('works from another copy of the module, as Next.js loads one per bundle layer', async () => {
    vi.resetModules();
    const copy = await import('@/server/db/driver-transaction');
    expect(copy.transactionWithDriver).not.toBe(transactionWithDriver);
    const seen = await copy.transactionWithDriver(async (_tx, driver) => {
      await driver.execute(`INSERT INTO driver_probe (id, n) VALUES ($1, $2)`, ['copy', 1]);
      return (await driver.query<{ n: number }>(`SELECT n FROM driver_probe WHERE id = $1`, ['copy']))[0]?.n;
    });
    expect(seen).toBe(1);
  });
});
