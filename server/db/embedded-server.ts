import 'server-only';
import fs from 'node:fs';
import net from 'node:net';
import type { PGlite } from '@electric-sql/pglite';
import { EMBEDDED_SOCKET_PORT, wireConnection } from './config';

/**
 * The embedded database served over PostgreSQL's wire protocol on a Unix socket, so several app
 * processes can share the one PGlite instance that a process of its own keeps
 * (docs/decisions/029-embedded-database-host.md). PGlite runs one statement at a time in one
 * session: this server decides whose message runs next.
 *
 * The rule that keeps answers right: once a connection has started an extended-protocol sequence
 * (Parse, Bind, Describe, Execute, Close, Flush), only its messages run until its Sync; once it has
 * opened a transaction, only its messages run until the transaction ends. Otherwise another
 * connection's Parse could land between this one's Parse and Bind, and its parameters would be bound
 * to the other's statement (what @electric-sql/pglite-socket 0.2.18 lets happen: 2026-12-07 spike).
 *
 * Not served: COPY … FROM STDIN (the app never sends it over this path), cancel requests (dropped, as
 * PGlite has no backend to signal), TLS (refused with 'N'; the socket is private to its user).
 * Every connection shares the one session: startup options and SET reach all of them.
 */

const SSL_REQUEST = 80877103;
const GSS_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_3 = 196608;
/** Parse, Bind, Describe, Execute, Close, Flush: a sequence that only Sync ends. */
const IN_SEQUENCE = new Set([0x50, 0x42, 0x44, 0x45, 0x43, 0x48]);
const SYNC = 0x53;
const QUERY = 0x51;
const TERMINATE = 0x58;
const SYNC_MESSAGE = new Uint8Array([SYNC, 0, 0, 0, 4]);

type Pending = { connection: Connection; message: Uint8Array };

type Connection = {
  socket: net.Socket;
  buffered: Buffer;
  started: boolean;
  closed: boolean;
};

export type EmbeddedServer = {
  /** The directory holding the socket, as `host` in a postgres:// URL (the socket is `.s.PGSQL.5432` in it). */
  socketDir: string;
  connectionString: string;
  /** Connections open now. */
  connections(): number;
  /** Stops accepting, closes every connection (rolling back an open transaction), removes the socket. */
  close(): Promise<void>;
};

export async function serveEmbedded(pglite: PGlite, socketDir: string): Promise<EmbeddedServer> {
  const socketPath = `${socketDir}/.s.PGSQL.${EMBEDDED_SOCKET_PORT}`;
  fs.rmSync(socketPath, { force: true }); // left by a process that was killed
  const queue: Pending[] = [];
  const open = new Set<Connection>();
  /** The connection whose sequence or transaction is under way: only its messages run. */
  let holder: Connection | null = null;
  let running = false;

  const run = async (message: Uint8Array, connection: Connection | null) => {
    await pglite.runExclusive(() =>
      pglite.execProtocolRawStream(message, {
        onRawData: (data) => {
          // A copy: `data` is a view on PGlite's memory, which the next message overwrites while the
          // socket may still hold this one (a slow reader, a big answer).
          if (connection && !connection.closed && data.length > 0) connection.socket.write(Buffer.from(data));
        },
      }),
    );
  };

  const pump = async () => {
    if (running) return;
    running = true;
    try {
      for (;;) {
        const index = holder ? queue.findIndex((p) => p.connection === holder) : 0;
        if (index < 0 || queue.length === 0) return;
        const [{ connection, message }] = queue.splice(index, 1) as [Pending];
        if (connection.closed) continue;
        try {
          await run(message, connection);
        } catch (error) {
          console.error(`[accord db] a message failed in the embedded database: ${(error as Error).message}`);
          connection.socket.destroy();
        }
        const type = message[0]!;
        if (IN_SEQUENCE.has(type)) holder = connection;
        else if (type === SYNC || type === QUERY) holder = pglite.isInTransaction() ? connection : null;
        else if (connection.started && pglite.isInTransaction()) holder = connection;
      }
    } finally {
      running = false;
    }
  };

  /** A connection that went away mid-sequence or mid-transaction must not leave either to the next one. */
  const release = async (connection: Connection) => {
    connection.closed = true;
    open.delete(connection);
    for (let i = queue.length - 1; i >= 0; i--) if (queue[i]!.connection === connection) queue.splice(i, 1);
    if (holder === connection) {
      // Wait for a message of its own that is running now, then end what it left open.
      while (running) await new Promise((resolve) => setImmediate(resolve));
      try {
        await run(SYNC_MESSAGE, null);
        if (pglite.isInTransaction()) await pglite.exec('ROLLBACK');
      } finally {
        holder = null;
      }
    }
    void pump();
  };

  const frame = (connection: Connection) => {
    for (;;) {
      const b = connection.buffered;
      if (!connection.started) {
        if (b.length < 8) return;
        const length = b.readInt32BE(0);
        const code = b.readInt32BE(4);
        if (length < 8 || length > 10_000) return connection.socket.destroy();
        if (b.length < length) return;
        connection.buffered = b.subarray(length);
        if (code === SSL_REQUEST || code === GSS_REQUEST) {
          connection.socket.write('N');
          continue;
        }
        if (code === CANCEL_REQUEST) return connection.socket.end();
        if (code !== PROTOCOL_3) return connection.socket.destroy();
        connection.started = true;
        queue.push({ connection, message: new Uint8Array(b.subarray(0, length)) });
        continue;
      }
      if (b.length < 5) return;
      const length = 1 + b.readInt32BE(1);
      if (length < 5) return connection.socket.destroy();
      if (b.length < length) return;
      connection.buffered = b.subarray(length);
      if (b[0] === TERMINATE) return connection.socket.end();
      queue.push({ connection, message: new Uint8Array(b.subarray(0, length)) });
    }
  };

  const server = net.createServer((socket) => {
    const connection: Connection = { socket, buffered: Buffer.alloc(0), started: false, closed: false };
    open.add(connection);
    socket.setNoDelay(true);
    socket.on('data', (data) => {
      connection.buffered = connection.buffered.length ? Buffer.concat([connection.buffered, data]) : data;
      frame(connection);
      void pump();
    });
    socket.on('error', () => {}); // a client that vanished: 'close' follows
    socket.on('close', () => void release(connection));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
  fs.chmodSync(socketPath, 0o600);

  return {
    socketDir,
    connectionString: wireConnection({ engine: 'pglite', dataDir: null, socketDir })!.connectionString,
    connections: () => open.size,
    async close() {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const connection of open) connection.socket.destroy();
      await closed;
      while (running || holder) await new Promise((resolve) => setTimeout(resolve, 5));
      fs.rmSync(socketPath, { force: true });
    },
  };
}
