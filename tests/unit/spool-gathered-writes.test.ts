import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { gatheredWrites, openSpool, type Spool } from '@/server/documents/spool';

// An upload's bytes reach its scratch file in pieces (server/documents/receive.ts): whatever sizes
// the chunks arrive in, the file holds exactly those bytes in order, each write but the last is a
// whole piece (or a chunk that was one already), and a chunk's buffer may be reused by its sender
// as soon as the write returns (busboy reuses its own).

/** A real spool whose writes are counted by size. */
async function countedSpool(): Promise<{ spool: Spool; writes: number[] }> {
  const spool = await openSpool();
  const writes: number[] = [];
  const write = spool.write.bind(spool);
  return { spool: Object.assign(spool, { write: (chunk: Uint8Array) => (writes.push(chunk.byteLength), write(chunk)) }), writes };
}

const PIECE = 1000;

describe('gathered writes into an upload spool', () => {
  const shapes: Record<string, number[]> = {
    'small chunks': [1, 10, 64, 999, 1, 500, 0, 2500, 7],
    'exact pieces': [PIECE, PIECE, PIECE],
    'pieces and a little': [PIECE + 1, PIECE - 1, 2 * PIECE, 3],
    'one chunk smaller than a piece': [17],
    'nothing': [],
    'empty chunks only': [0, 0],
    'large after small': [5, 4 * PIECE + 3, 1],
  };

  for (const [name, sizes] of Object.entries(shapes)) {
    it(`keeps every byte in order: ${name}`, async () => {
      const { spool, writes } = await countedSpool();
      try {
        const gathered = gatheredWrites(spool, PIECE);
        const sent: Buffer[] = [];
        for (const size of sizes) {
          const chunk = randomBytes(size);
          sent.push(Buffer.from(chunk));
          await gathered.write(chunk);
          chunk.fill(0xaa); // the sender reuses its buffer
        }
        await gathered.flush();
        const whole = Buffer.concat(sent);
        expect(spool.size).toBe(whole.length);
        expect((await spool.read(0, whole.length + 10)).equals(whole)).toBe(true);
        expect(writes.reduce((a, b) => a + b, 0)).toBe(whole.length);
        // Every write but the last is at least a piece: no write of a few bytes reaches the file.
        expect(writes.slice(0, -1).every((bytes) => bytes >= PIECE)).toBe(true);
        expect(writes.every((bytes) => bytes > 0)).toBe(true);
        expect(writes.length).toBeLessThanOrEqual(Math.ceil(whole.length / PIECE));
      } finally {
        await spool.close();
      }
    });
  }

  it('gathers 64 kB chunks into one write a MiB by default', async () => {
    const { spool, writes } = await countedSpool();
    try {
      const gathered = gatheredWrites(spool);
      for (let i = 0; i < 40; i += 1) await gathered.write(randomBytes(64 * 1024));
      await gathered.flush();
      expect(writes).toEqual([1024 * 1024, 1024 * 1024, 8 * 64 * 1024]);
    } finally {
      await spool.close();
    }
  });

  it('a flush with nothing held writes nothing, and a second flush writes nothing again', async () => {
    const { spool, writes } = await countedSpool();
    try {
      const gathered = gatheredWrites(spool, PIECE);
      await gathered.flush();
      await gathered.write(randomBytes(10));
      await gathered.flush();
      await gathered.flush();
      expect(writes).toEqual([10]);
    } finally {
      await spool.close();
    }
  });
});
