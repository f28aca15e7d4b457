import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DOCUMENT_CHUNK_BYTES } from '@/lib/documents';
import { operatorActor } from '@/server/auth/actor';
import { transactionWithDriver } from '@/server/db/driver-transaction';
import { createApiToken } from '@/server/tokens/mutations';
import { createCheckpoint, createPartnership, createUser } from '@/tests/factories/builders';
import { getContent, uploadToCheckpoint } from '@/tests/support/documents';
import { openTestDatabase, testEngine, type TestDatabase } from '@/tests/support/test-database';

// Issue 15, document memory and speed: a download reads the chunks as bytes through a binary COPY
// (server/db/copy-binary.ts) instead of text, and on the embedded engine an upload writes them with
// one too. Arbitrary bytes (every byte value, sizes on and around the 1 MiB chunk) must come back
// byte for byte, through the driver and through the routes, on both engines.
let t: TestDatabase;
let bd: string;
let checkpointId: string;
const MIB = DOCUMENT_CHUNK_BYTES;
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** `size` bytes of noise with the ramp 0…255 (every byte value) at the start, around each MiB and at the end. */
function arbitrary(size: number): Buffer {
  const bytes = randomBytes(size);
  const ramp = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
  for (let at = 0; at < size; at += MIB) ramp.copy(bytes, Math.max(0, at - 128));
  ramp.copy(bytes, Math.max(0, size - 256));
  return bytes;
}

beforeAll(async () => {
  t = await openTestDatabase();
  const user = await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT' });
  bd = (await createApiToken(operatorActor(), { ownerId: user.id, name: 'bytes', readOnly: false })).token;
  checkpointId = (await createCheckpoint(t.db, { partnershipId: (await createPartnership(t.db, { ownerId: user.id })).id })).id;
  await t.db.$executeRawUnsafe(`CREATE TABLE copy_probe (seq int PRIMARY KEY, bytes bytea NOT NULL)`);
});
afterAll(() => t?.close());

describe('a binary COPY of bytea values', () => {
  const sizes = [0, 1, 256, MIB, MIB + 1, 5 * MIB + 3, MIB - 1];
  const values = sizes.map((size) => (size === 256 ? Buffer.from(Array.from({ length: 256 }, (_, i) => i)) : arbitrary(size)));

  it('hands back every value byte for byte, in order, as the database holds it', async () => {
    const { read, count, hashes } = await transactionWithDriver(async (_tx, driver) => {
      for (const [seq, value] of values.entries()) await driver.insertRow('copy_probe', { seq: { int4: seq }, bytes: { bytea: value } });
      const read: Buffer[] = [];
      // Copied out: the buffer handed over is reused for the next value.
      const count = await driver.copyValues('SELECT bytes FROM copy_probe ORDER BY seq', async (bytes) => void read.push(Buffer.from(bytes)));
      // What PostgreSQL itself holds (not only what was sent): its own SHA-256 of each value.
      const hashes = await driver.query<{ hex: string }>(`SELECT encode(sha256(bytes), 'hex') AS hex FROM copy_probe ORDER BY seq`, []);
      await driver.execute('DELETE FROM copy_probe', []);
      return { read, count, hashes: hashes.map((h) => h.hex) };
    });
    expect(count).toBe(values.length);
    expect(read.map((b) => b.length)).toEqual(sizes);
    for (const [i, value] of values.entries()) expect(read[i]!.equals(value), `value ${i} (${sizes[i]} bytes)`).toBe(true);
    expect(read.map(sha)).toEqual(hashes);
  });

  it('reads the COPY to its end when the receiver fails, so the transaction goes on', async () => {
    const after = await transactionWithDriver(async (_tx, driver) => {
      for (const [seq, value] of values.entries()) await driver.insertRow('copy_probe', { seq: { int4: seq }, bytes: { bytea: value } });
      let seen = 0;
      await expect(driver.copyValues('SELECT bytes FROM copy_probe ORDER BY seq', async () => {
        if (++seen === 2) throw new Error('disk full');
      })).rejects.toThrow('disk full');
      expect(seen).toBe(2);
      const [row] = await driver.query<{ n: number }>('SELECT count(*)::int AS n FROM copy_probe', []);
      await driver.execute('DELETE FROM copy_probe', []);
      return row?.n;
    });
    expect(after).toBe(values.length);
  });
});

it('streams on PostgreSQL only: the embedded engine\'s COPY lands in memory whole', async () => {
  expect(await transactionWithDriver(async (_tx, driver) => driver.copyStreams)).toBe(testEngine() === 'postgresql');
});

describe('documents of arbitrary bytes', () => {
  // PDF-typed (the upload sniffs the type), then arbitrary bytes: sizes on and around the chunk.
  it.each([MIB, MIB + 1, 3 * MIB - 1, 3 * MIB + 200])('%i bytes come back byte for byte', async (size) => {
    const bytes = arbitrary(size);
    bytes.write('%PDF-1.7\n', 0, 'latin1');
    const { response, body } = await uploadToCheckpoint(bd, checkpointId, bytes, 'bytes.pdf');
    expect(response.status, body.error).toBe(201);
    expect(await t.db.documentChunk.count({ where: { documentId: body.id } })).toBe(Math.ceil(size / MIB));
    const download = await getContent(bd, body.id);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);
    expect(download.headers.get('etag')).toBe(`"${sha(bytes)}"`);
  });
});
