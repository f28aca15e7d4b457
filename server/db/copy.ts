import 'server-only';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { getDatabase, perDatabase } from './client';
import { wireConnection } from './config';

/**
 * PostgreSQL's own COPY for the biggest exports: rows leave the server already written as CSV, at
 * the database's speed, through a small pool of its own (exports must not starve the app's pool).
 * PGlite has no streaming COPY: its COPY writes into memory, a part at a time (csvPieces()).
 */

export function copyAvailable(): boolean {
  return getDatabase().config.engine === 'postgresql';
}

/**
 * `COPY (<query>) TO '/dev/blob' WITH (FORMAT csv)` on the embedded engine: the CSV and its row count.
 * An app process of a several-process deployment reaches PGlite over its socket (decision 029): there
 * the same COPY goes TO STDOUT, and is read whole (the caller keeps each statement small).
 */
export async function copyCsvToBlob(query: string): Promise<{ bytes: Uint8Array; rows: number }> {
  const open = getDatabase().adapter.pglite;
  if (!open) {
    const copy = await copyCsv(query);
    let failed = true;
    try {
      const pieces: Buffer[] = [];
      for (let piece; (piece = await copy.read(PIECE_BYTES)); ) pieces.push(piece);
      failed = false;
      const bytes = Buffer.concat(pieces);
      return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), rows: copy.rowCount() };
    } finally {
      copy.release(failed);
    }
  }
  const pglite = await open();
  const result = await pglite.query(`COPY (${query}) TO '/dev/blob' WITH (FORMAT csv)`);
  return { bytes: result.blob ? new Uint8Array(await result.blob.arrayBuffer()) : new Uint8Array(), rows: result.affectedRows ?? 0 };
}

/** One small pool per open database, ended when that database is closed. */
const pool = perDatabase((handle): pg.Pool => {
  const config = wireConnection(handle.config);
  if (!config) throw new Error('COPY TO STDOUT needs a database reached over the wire');
  const created = new pg.Pool({
    connectionString: config.connectionString,
    ...(config.schema ? { options: `-c search_path="${config.schema}"` } : {}),
    max: Number(process.env.ACCORD_EXPORT_POOL_SIZE ?? 4),
    connectionTimeoutMillis: 5_000,
  });
  const close = handle.close.bind(handle);
  handle.close = async () => {
    await created.end();
    await close();
  };
  return created;
});

/**
 * The rows of one statement read through the export pool on PostgreSQL, as plain objects from the
 * driver (null on PGlite: the caller reads through Prisma). For the parts of a big export: Prisma's
 * raw query turns every row into objects several times over, and at a million rows that garbage,
 * not rows kept, is what grew the app's peak memory (decision 012, "Export memory").
 */
export async function exportRows<T>(query: string): Promise<T[] | null> {
  if (!copyAvailable()) return null;
  return (await pool().query(query)).rows as T[];
}

/** SQL literals for a COPY statement (COPY takes no bind parameters). */
export const literal = (value: string) => pg.Client.prototype.escapeLiteral.call(null, value);

export type CopyResult = {
  /** The next piece of CSV (whole rows, up to about `maxBytes`), or null at the end. */
  read: (maxBytes: number) => Promise<Buffer | null>;
  rowCount: () => number;
  release: (failed: boolean) => void;
};

/** Waits until the stream has data, ends or fails. */
function readable(stream: NodeJS.ReadableStream & { readableEnded: boolean }): Promise<void> {
  if (stream.readableEnded) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const done = () => {
      off();
      resolve();
    };
    const failed = (error: Error) => {
      off();
      reject(error);
    };
    const off = () => {
      stream.off('readable', done);
      stream.off('end', done);
      stream.off('error', failed);
    };
    stream.on('readable', done);
    stream.on('end', done);
    stream.on('error', failed);
  });
}

/** Runs `COPY (<query>) TO STDOUT WITH (FORMAT csv)`; the caller reads the chunks, then releases. */
export async function copyCsv(query: string): Promise<CopyResult> {
  const client = await pool().connect();
  const stream = client.query(copyTo(`COPY (${query}) TO STDOUT WITH (FORMAT csv)`));
  let released = false;
  // COPY sends one message per row; reading what is buffered in one go keeps the per-row cost low.
  const read = async (maxBytes: number) => {
    const pieces: Buffer[] = [];
    let size = 0;
    for (;;) {
      let chunk: Buffer | null;
      while (size < maxBytes && (chunk = stream.read() as Buffer | null) !== null) {
        pieces.push(chunk);
        size += chunk.length;
      }
      if (size >= maxBytes || stream.readableEnded) break;
      await readable(stream);
      if (stream.readableEnded && stream.readableLength === 0) break;
    }
    return size ? Buffer.concat(pieces, size) : null;
  };
  return {
    read,
    rowCount: () => stream.rowCount,
    release(failed) {
      if (released) return;
      released = true;
      if (failed) {
        // Ending the client mid-COPY fails the COPY: pg hands "Connection terminated" to the
        // stream a tick later, and an `error` no one listens to is an uncaught exception. The
        // export was stopped on purpose (a reader gone, a HEAD): that error is expected.
        stream.on('error', () => {});
        stream.destroy();
      }
      client.release(failed ? new Error('export stopped') : undefined);
    },
  };
}

/** A big ordered answer as pieces of CSV (whole rows), read as the caller asks for them. */
export type CsvPieces = { next: () => Promise<Uint8Array | null>; rows: () => number; stop: (completed: boolean) => void };

const PIECE_BYTES = 64 * 1024;

/**
 * The engine's choice for a big CSV, kept here: PostgreSQL streams one COPY of the `whole`
 * statement (~64 kB pieces, at the database's speed, backpressure from the reader); PGlite's COPY
 * writes into memory, so it copies each of `parts` in turn (statements whose answers, one after the
 * other, are the whole answer; each small enough to hold).
 */
export async function csvPieces(whole: string | null, parts: () => Promise<string[]>): Promise<CsvPieces> {
  if (!whole) return { next: async () => null, rows: () => 0, stop: () => {} };
  if (copyAvailable()) {
    const copy = await copyCsv(whole);
    return {
      async next() {
        const piece = await copy.read(PIECE_BYTES);
        return piece ? new Uint8Array(piece.buffer, piece.byteOffset, piece.byteLength) : null;
      },
      rows: () => copy.rowCount(),
      stop: (completed) => copy.release(!completed),
    };
  }
  let statements: string[] | null = null;
  let next = 0;
  let rows = 0;
  return {
    async next() {
      statements ??= await parts();
      if (next >= statements.length) return null;
      const piece = await copyCsvToBlob(statements[next++]!);
      rows += piece.rows;
      return piece.bytes;
    },
    rows: () => rows,
    stop: () => {},
  };
}
