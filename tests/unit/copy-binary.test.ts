import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assertInt4, BinaryCopyValues, binaryCopyRow } from '@/server/db/copy-binary';

// server/db/copy-binary.ts reads PostgreSQL's binary COPY framing (docs: COPY, "Binary Format"):
// an 11-byte signature, 32-bit flags, a header extension, then per row a 16-bit field count and
// per field a 32-bit length and the bytes; a count of -1 ends it. The pieces a socket delivers
// split that anywhere, so every test feeds the same stream whole, a byte at a time and cut at
// random places, and must get the same values.
const SIGNATURE = Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1');

function frame(values: (Buffer | null)[], options: { extension?: Buffer; flags?: number; fields?: number; trailer?: boolean } = {}): Buffer {
  const extension = options.extension ?? Buffer.alloc(0);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(options.flags ?? 0, 0);
  head.writeUInt32BE(extension.length, 4);
  const parts = [SIGNATURE, head, extension];
  for (const value of values) {
    const row = Buffer.alloc(6);
    row.writeInt16BE(options.fields ?? 1, 0);
    row.writeInt32BE(value ? value.length : -1, 2);
    parts.push(row, value ?? Buffer.alloc(0));
  }
  if (options.trailer ?? true) parts.push(Buffer.from([0xff, 0xff]));
  return Buffer.concat(parts);
}

/** The values read (as hex: a deep comparison of large Buffers is slow) and the count. */
function read(stream: Buffer, cuts: number[]): { values: string[]; count: number } {
  const parser = new BinaryCopyValues();
  const values: string[] = [];
  let from = 0;
  for (const to of [...cuts, stream.length]) {
    // Read at once: the parser reuses its buffer for the next value.
    for (const value of parser.feed(stream.subarray(from, to))) values.push(value.toString('hex'));
    from = to;
  }
  return { values, count: parser.end() };
}

const everyByte = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
const randomCuts = (length: number, n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * length)).sort((a, b) => a - b);

describe('BinaryCopyValues', () => {
  const values = [Buffer.alloc(0), Buffer.from([0]), everyByte, Buffer.concat([everyByte, randomBytes(70_000)]), Buffer.from([0xff, 0xff]), Buffer.alloc(0)];
  const stream = frame(values, { extension: Buffer.from('ignored') });
  const expected = { values: values.map((v) => v.toString('hex')), count: values.length };

  it('reads every value exactly, whole, a byte at a time, and cut at random places', () => {
    expect(read(stream, [])).toEqual(expected);
    expect(read(stream, Array.from({ length: stream.length - 1 }, (_, i) => i + 1))).toEqual(expected);
    for (let run = 0; run < 50; run += 1) expect(read(stream, randomCuts(stream.length, 1 + (run % 20)))).toEqual(expected);
  });

  it('reads an empty answer (header and trailer only)', () => {
    expect(read(frame([]), [5, 12, 19])).toEqual({ values: [], count: 0 });
  });

  it('refuses what it was not made for, and a stream cut short', () => {
    const bad = Buffer.from(stream);
    bad[0] = 0x51;
    expect(() => read(bad, [])).toThrow(/no PGCOPY signature/);
    expect(() => read(frame(values, { flags: 1 << 16 }), [])).toThrow(/header flags/);
    expect(() => read(frame(values, { fields: 2 }), [])).toThrow(/2 fields in a row, expected 1/);
    expect(() => read(frame([everyByte, null]), [])).toThrow(/NULL/);
    expect(() => read(frame(values, { trailer: false }), [])).toThrow(/ended before its trailer/);
    expect(() => read(stream.subarray(0, stream.length - 100), [])).toThrow(/ended before its trailer/);
    expect(() => read(Buffer.concat([stream, Buffer.from([0])]), [])).toThrow(/after the trailer/);
  });
});

describe('binaryCopyRow', () => {
  it('frames one row as the test\'s own framing does, and the reader gives its one value back', () => {
    const bytes = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(5000)]);
    expect(binaryCopyRow([{ bytea: bytes }]).equals(frame([bytes]))).toBe(true);
    const parser = new BinaryCopyValues();
    const values = [...parser.feed(binaryCopyRow([{ bytea: bytes }]))].map((v) => v.toString('hex'));
    expect(values).toEqual([bytes.toString('hex')]);
    expect(parser.end()).toBe(1);
  });

  it('writes text as UTF-8 and int4 as four bytes, big endian', () => {
    const row = binaryCopyRow([{ text: 'é\u200f' }, { int4: -2 }, { bytea: Buffer.alloc(0) }]);
    const body = row.subarray(SIGNATURE.length + 8, row.length - 2);
    expect(body.toString('hex')).toBe(['0003', '00000005', Buffer.from('é\u200f').toString('hex'), '00000004', 'fffffffe', '00000000'].join(''));
    expect(row.subarray(row.length - 2).toString('hex')).toBe('ffff');
  });

  it('refuses a number that is not an int4', () => {
    for (const n of [2 ** 31, -(2 ** 31) - 1, 1.5, Number.NaN]) expect(() => binaryCopyRow([{ int4: n }])).toThrow('not an int4');
    expect(() => assertInt4(2 ** 31 - 1)).not.toThrow();
  });
});
