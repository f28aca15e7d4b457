import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableFingerprint } from '@/tests/support/table-fingerprint';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

/**
 * The fuzz files' partial-write fingerprint reads a table again only when a statement wrote to it
 * (tests/support/table-fingerprint.ts). It must follow every kind of committed write the app makes (insert,
 * update, delete, truncate, a write with triggers set aside for replication) and nothing that
 * rolled back, on both engines.
 */
let t: TestDatabase;
let summaries = 0;
let lastSummary = '';
let read: () => Promise<string>;

beforeAll(async () => {
  t = await openTestDatabase();
  await t.db.$executeRawUnsafe(`INSERT INTO regions (code, name, "timeZone") VALUES ('AA', 'A', 'UTC'), ('BB', 'B', 'UTC')`);
  // Counts the summary queries (the counts' own read is another statement).
  const counting = {
    $executeRawUnsafe: (query: string) => t.db.$executeRawUnsafe(query),
    $queryRawUnsafe: <T,>(query: string) => {
      if (query.includes(' AS p')) {
        summaries += 1;
        lastSummary = query;
      }
      return t.db.$queryRawUnsafe<T>(query);
    },
  };
  read = await tableFingerprint(counting, [
    ['regions', `SELECT concat(COUNT(*), ':', COALESCE(SUM(version), 0)) FROM regions`],
    ['organizations', `SELECT COUNT(*) FROM organizations`],
  ]);
});
afterAll(() => t?.close());

/** The fingerprint now, and whether it had to read a table again for it. */
async function readNow() {
  const before = summaries;
  const fingerprint = await read();
  return { fingerprint, reread: summaries > before };
}

describe('a fingerprint read per table', () => {
  it('reads every table the first time, then none while nothing is written', async () => {
    expect(await readNow()).toEqual({ fingerprint: '2:2|0', reread: true });
    expect(await readNow()).toEqual({ fingerprint: '2:2|0', reread: false });
    // A read of the tables is no write.
    await t.db.$queryRawUnsafe(`SELECT * FROM regions FOR UPDATE`);
    expect(await readNow()).toEqual({ fingerprint: '2:2|0', reread: false });
  });

  it('follows an insert, an update, a delete and a truncate', async () => {
    await t.db.$executeRawUnsafe(`UPDATE regions SET version = version + 1 WHERE code = 'AA'`);
    expect(await readNow()).toEqual({ fingerprint: '2:3|0', reread: true });
    await t.db.$executeRawUnsafe(`INSERT INTO regions (code, name, "timeZone") VALUES ('CC', 'C', 'UTC')`);
    expect(await readNow()).toEqual({ fingerprint: '3:4|0', reread: true });
    await t.db.$executeRawUnsafe(`DELETE FROM regions WHERE code = 'CC'`);
    expect(await readNow()).toEqual({ fingerprint: '2:3|0', reread: true });
    // An update that matched no row still ran: read again, the same answer.
    await t.db.$executeRawUnsafe(`UPDATE regions SET version = 9 WHERE code = 'none'`);
    expect(await readNow()).toEqual({ fingerprint: '2:3|0', reread: true });
    await t.db.$executeRawUnsafe(`TRUNCATE regions CASCADE`);
    expect(await readNow()).toEqual({ fingerprint: '0:0|0', reread: true });
  });

  it('sees a write made with triggers set aside for replication, as a restore does', async () => {
    await t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`);
      await tx.$executeRawUnsafe(`INSERT INTO regions (code, name, "timeZone") VALUES ('DD', 'D', 'UTC')`);
    });
    expect(await readNow()).toEqual({ fingerprint: '1:1|0', reread: true });
  });

  it('ignores a write that rolled back, and reads only the table that was written', async () => {
    await expect(t.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`INSERT INTO regions (code, name, "timeZone") VALUES ('EE', 'E', 'UTC')`);
      throw new Error('refused');
    })).rejects.toThrow('refused');
    expect(await readNow()).toEqual({ fingerprint: '1:1|0', reread: false });
    await t.db.$executeRawUnsafe(`INSERT INTO organizations (id, name, "updatedAt") VALUES ('org-x', 'X', now())`);
    expect(await readNow()).toEqual({ fingerprint: '1:1|1', reread: true });
    expect(lastSummary).toContain('FROM organizations');
    expect(lastSummary).not.toContain('FROM regions');
  });
});
