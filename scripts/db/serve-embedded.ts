// The database process of a several-process deployment on the embedded database
// (docs/decisions/029-embedded-database-host.md). scripts/serve-cluster.mjs starts it before the app
// processes: it takes the data directory's lock, opens PGlite and serves it on a Unix socket in a
// private temporary directory, then sends `{ ready, socketDir }` over IPC (or prints it when run by
// hand). SIGTERM, SIGINT or its parent going away close the database cleanly and release the lock.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openAdapter } from '@/server/db/adapter';
import { describeDatabase, readDatabaseConfig } from '@/server/db/config';
import { serveEmbedded } from '@/server/db/embedded-server';

async function main() {
  const config = readDatabaseConfig({ ...process.env, ACCORD_EMBEDDED_SOCKET: undefined });
  if (config.engine !== 'pglite' || !config.dataDir) {
    throw new Error('The database process serves the embedded database in a data directory: leave DATABASE_URL unset (ACCORD_DATA_DIR chooses the directory).');
  }
  const adapter = openAdapter(config);
  const pglite = await adapter.pglite!(); // the lock, the interrupted-restore check, the extensions
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'accord-db-')); // mode 0700: this user's only
  const server = await serveEmbedded(pglite, socketDir);
  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      await server.close();
      await adapter.close();
      fs.rmSync(socketDir, { recursive: true, force: true });
    })().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`[accord db] closing the embedded database failed: ${(error as Error).message}`);
        process.exit(1);
      },
    ));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  process.on('disconnect', stop); // the cluster's primary is gone
  process.title = 'accord-db';
  const ready = { ready: true, socketDir, database: describeDatabase(config) };
  if (process.send) process.send(ready);
  else console.log(JSON.stringify(ready));
}

main().catch((error: unknown) => {
  console.error(`accord: the embedded database could not be served: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
