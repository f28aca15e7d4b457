import 'server-only';
import type pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';

/**
 * Large byte values read from PostgreSQL as bytes (issue 15, document memory): a bytea read through
 * a query reaches `pg` as text (base64 or hex, 4/3 to 2× its size), and those strings stayed on the
 * V8 heap until a full collection; `pg`'s binary result mode decodes every field as UTF-8 and
 * corrupts bytes (bench/results/notes.md). `COPY (…) TO STDOUT (FORMAT binary)` sends each value's
 * bytes as they are; this reads its framing (PostgreSQL docs, "COPY", Binary Format) into Buffers.
 */

/** `PGCOPY\n\377\r\n\0`, then 32-bit flags and the length of a header extension. */
const SIGNATURE = Buffer.from([0x50, 0x47, 0x43, 0x4f, 0x50, 0x59, 0x0a, 0xff, 0x0d, 0x0a, 0x00]);
const HEADER_BYTES = SIGNATURE.length + 8;

type State = 'header' | 'extension' | 'fields' | 'length' | 'value' | 'done';

/**
 * The values of a one-column binary COPY, fed in pieces split anywhere. Each value is handed out
 * as a view of the piece that holds it whole, or else in one buffer reused for the next value
 * (grown to the largest): either way, use it before resuming feed().
 */
export class BinaryCopyValues {
  private state: State = 'header';
  /** Fixed-size parts (header, field count, length) gathered across pieces. */
  private readonly small = Buffer.alloc(HEADER_BYTES);
  private smallFilled = 0;
  private skip = 0;
  private value = Buffer.alloc(0);
  private valueLength = 0;
  private valueFilled = 0;
  count = 0;

  *feed(piece: Buffer): Generator<Buffer, void, undefined> {
    let at = 0;
    while (at < piece.length) {
      if (this.state === 'done') throw new Error('Binary COPY: bytes after the trailer.');
      if (this.state === 'extension') {
        const n = Math.min(this.skip, piece.length - at);
        at += n;
        this.skip -= n;
        if (this.skip === 0) this.state = 'fields';
        continue;
      }
      if (this.state === 'value') {
        if (this.valueFilled === 0 && piece.length - at >= this.valueLength) {
          // The whole value is in this piece: handed out as a view of it, without a copy.
          at += this.valueLength;
          yield this.emit(piece.subarray(at - this.valueLength, at));
          continue;
        }
        // Split across pieces: gathered in the reused buffer (grown to the largest such value).
        if (this.valueFilled === 0 && this.valueLength > this.value.length) this.value = Buffer.allocUnsafe(this.valueLength);
        const n = Math.min(this.valueLength - this.valueFilled, piece.length - at);
        piece.copy(this.value, this.valueFilled, at, at + n);
        at += n;
        this.valueFilled += n;
        if (this.valueFilled === this.valueLength) yield this.emit();
        continue;
      }
      const need = this.state === 'header' ? HEADER_BYTES : this.state === 'fields' ? 2 : 4;
      const n = Math.min(need - this.smallFilled, piece.length - at);
      piece.copy(this.small, this.smallFilled, at, at + n);
      at += n;
      this.smallFilled += n;
      if (this.smallFilled < need) continue;
      this.smallFilled = 0;
      if (this.state === 'header') this.readHeader();
      else if (this.state === 'fields') this.readFieldCount();
      else if (this.readLength() === 0) yield this.emit();
    }
  }

  /** Throws unless the trailer was read (the COPY ended whole). */
  end(): number {
    if (this.state !== 'done') throw new Error('Binary COPY: ended before its trailer.');
    return this.count;
  }

  private readHeader() {
    if (!this.small.subarray(0, SIGNATURE.length).equals(SIGNATURE)) throw new Error('Binary COPY: no PGCOPY signature.');
    // Bit 16: OIDs included; bits 0-15: reserved, a reader must stop if one is set. Neither is asked for.
    const flags = this.small.readUInt32BE(SIGNATURE.length);
    if (flags !== 0) throw new Error(`Binary COPY: unexpected header flags ${flags.toString(16)}.`);
    this.skip = this.small.readUInt32BE(SIGNATURE.length + 4);
    this.state = this.skip ? 'extension' : 'fields';
  }

  private readFieldCount() {
    const fields = this.small.readInt16BE(0);
    if (fields === -1) this.state = 'done';
    else if (fields === 1) this.state = 'length';
    else throw new Error(`Binary COPY: ${fields} fields in a row, expected 1.`);
  }

  private readLength(): number {
    const length = this.small.readInt32BE(0);
    if (length < 0) throw new Error('Binary COPY: a NULL value.');
    this.valueLength = length;
    this.valueFilled = 0;
    this.state = 'value';
    return length;
  }

  private emit(whole?: Buffer): Buffer {
    this.state = 'fields';
    this.count += 1;
    return whole ?? this.value.subarray(0, this.valueLength);
  }
}

/**
 * Runs `COPY (<select>) TO STDOUT (FORMAT binary)` on `client` (a connection in a transaction, or
 * not) and hands each value of the select's one column, in order, to `each`, awaited before the next
 * (the buffer is reused). Answers the number of values. The COPY is always read to its end, even
 * when `each` throws, so the connection is left ready for the next statement; then that error is
 * thrown. Backpressure: while `each` runs, the stream stops reading the socket.
 */
export async function copyValuesOut(client: pg.ClientBase, select: string, each: (bytes: Buffer) => Promise<void>): Promise<number> {
  const stream = client.query(copyTo(`COPY (${select}) TO STDOUT (FORMAT binary)`));
  const values = new BinaryCopyValues();
  let failure: { error: unknown } | null = null;
  // Never left early (a `break` or throw here would destroy the stream mid-COPY): read to the end.
  for await (const piece of stream as AsyncIterable<Buffer>) {
    if (failure) continue;
    try {
      for (const bytes of values.feed(piece)) await each(bytes);
    } catch (error) {
      failure = { error };
    }
  }
  if (failure) throw failure.error;
  return values.end();
}

/**
 * The embedded engine's binary COPY out of `select` (one bytea column): PGlite writes the whole
 * COPY into a blob before answering, so every selected value is in memory at once; select one large
 * value per call. Each value is handed to `each` in order, as a view of the blob's bytes.
 */
export async function copyValuesFromBlob(blob: Blob | undefined, each: (bytes: Buffer) => Promise<void>): Promise<number> {
  const values = new BinaryCopyValues();
  if (!blob) throw new Error('Binary COPY: the embedded engine answered without its blob.');
  for (const bytes of values.feed(Buffer.from(await blob.arrayBuffer()))) await each(bytes);
  return values.end();
}

/** A value of a row written by a binary COPY, with its column's type (the format differs by type). */
export type CopyValue = { text: string } | { int4: number } | { bytea: Buffer };

/** Throws unless `value` fits PostgreSQL's int4 (checked before anything is sent, on either engine). */
export function assertInt4(value: number): void {
  if (!Number.isInteger(value) || value < -2147483648 || value > 2147483647) throw new Error(`${value} is not an int4.`);
}

/**
 * One row in PostgreSQL's binary COPY format (signature, header, the row, trailer): what
 * `COPY … FROM … WITH (FORMAT binary)` reads. Text goes as its UTF-8 bytes, int4 as four bytes big
 * endian, bytea as it is: no text is made of the bytes.
 */
export function binaryCopyRow(values: readonly CopyValue[]): Buffer<ArrayBuffer> {
  const fields = values.map((value): Buffer => {
    if ('bytea' in value) return value.bytea;
    if ('text' in value) return Buffer.from(value.text, 'utf8');
    assertInt4(value.int4);
    const int = Buffer.allocUnsafe(4);
    int.writeInt32BE(value.int4, 0);
    return int;
  });
  const out = Buffer.allocUnsafe(HEADER_BYTES + 2 + fields.reduce((sum, field) => sum + 4 + field.byteLength, 0) + 2);
  SIGNATURE.copy(out, 0);
  out.writeUInt32BE(0, SIGNATURE.length); // flags: no OIDs
  out.writeUInt32BE(0, SIGNATURE.length + 4); // no header extension
  let at = out.writeInt16BE(fields.length, HEADER_BYTES);
  for (const field of fields) {
    at = out.writeInt32BE(field.byteLength, at);
    out.set(field, at);
    at += field.byteLength;
  }
  out.writeInt16BE(-1, at); // the trailer
  return out;
}
