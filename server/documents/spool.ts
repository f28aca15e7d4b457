import 'server-only';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

/**
 * A scratch file for one upload or download (docs/decisions/007-documents.md): the bytes pass
 * through it so that memory stays flat (at most one 1 MiB chunk in hand) and the database is busy
 * only while it writes or reads, never while a slow client sends or receives.
 *
 * The file is unlinked as soon as it is opened: it has no name, only this open handle, so the
 * kernel frees it when the handle closes or the process dies (a crash mid-upload leaves no file
 * behind). Where unlinking an open file is refused (Windows), it is removed on close instead.
 */
export type Spool = {
  readonly size: number;
  write(chunk: Uint8Array): Promise<void>;
  /** Up to `length` bytes from `position` (fewer at the end), in a buffer of their own, or in `into`. */
  read(position: number, length: number, into?: Buffer): Promise<Buffer>;
  /** The bytes, `pieceBytes` at a time; `closeWhenDone` closes the spool at the end or on cancel. */
  stream(pieceBytes?: number, closeWhenDone?: boolean): ReadableStream<Uint8Array>;
  close(): Promise<void>;
};

/** Where scratch files are made: ACCORD_SPOOL_DIR, else the system's temporary directory. */
export function spoolDirectory(): string {
  return process.env.ACCORD_SPOOL_DIR || os.tmpdir();
}

export async function openSpool(): Promise<Spool> {
  const file = path.join(spoolDirectory(), `accord-spool-${process.pid}-${randomBytes(8).toString('hex')}`);
  const handle = await fs.open(file, 'wx+', 0o600);
  let named = true;
  try {
    await fs.unlink(file);
    named = false;
  } catch {
    // Removed in close().
  }
  let size = 0;
  let closed = false;

  async function read(position: number, length: number, into?: Buffer): Promise<Buffer> {
    const wanted = Math.max(0, Math.min(length, size - position));
    const buffer = into && into.length >= wanted ? into.subarray(0, wanted) : Buffer.allocUnsafe(wanted);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, position + filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    return filled === buffer.length ? buffer : buffer.subarray(0, filled);
  }

  async function close() {
    if (closed) return;
    closed = true;
    await handle.close();
    if (named) await fs.rm(file, { force: true });
  }

  return {
    get size() {
      return size;
    },
    async write(chunk) {
      let written = 0;
      while (written < chunk.byteLength) {
        const { bytesWritten } = await handle.write(chunk, written, chunk.byteLength - written, size + written);
        written += bytesWritten;
      }
      size += chunk.byteLength;
    },
    read,
    stream(pieceBytes = 256 * 1024, closeWhenDone = false) {
      let position = 0;
      const done = async () => {
        if (closeWhenDone) await close();
      };
      // Pulled one piece at a time (high-water mark 1): at most one piece waits for a slow reader.
      return new ReadableStream<Uint8Array>({
        pull: async (controller) => {
          try {
            const piece = position < size && !closed ? await read(position, pieceBytes) : null;
            if (!piece?.length) {
              controller.close();
              await done();
              return;
            }
            position += piece.length;
            controller.enqueue(piece);
          } catch (error) {
            controller.error(error);
            await done();
          }
        },
        cancel: done,
      });
    },
    close,
  };
}

/**
 * Writes gathered into pieces of `pieceBytes` before they reach the spool. An upload arrives about
 * 64 kB at a time, and each write is a round trip to libuv's threads: 25 MB took ~400 writes and
 * 63–69 ms here, against 6.5 ms to copy the file on disk (bench notes, 2026-12-07). One piece is
 * held at a time (memory stays flat); a chunk at least a piece long, arriving with none held, goes
 * straight through. `flush` writes what is held; call it before the spool is read.
 */
export function gatheredWrites(spool: Pick<Spool, 'write'>, pieceBytes = 1024 * 1024) {
  let piece: Buffer | null = null;
  let filled = 0;
  return {
    async write(chunk: Uint8Array) {
      if (filled === 0 && chunk.byteLength >= pieceBytes) return spool.write(chunk);
      for (let offset = 0; offset < chunk.byteLength;) {
        piece ??= Buffer.allocUnsafe(pieceBytes);
        const taken = Math.min(chunk.byteLength - offset, pieceBytes - filled);
        piece.set(chunk.subarray(offset, offset + taken), filled);
        filled += taken;
        offset += taken;
        if (filled === pieceBytes) {
          await spool.write(piece); // written whole before it returns, so the piece can be filled again
          filled = 0;
        }
      }
    },
    async flush() {
      if (filled === 0 || !piece) return;
      const rest = piece.subarray(0, filled);
      filled = 0;
      await spool.write(rest);
    },
  };
}
