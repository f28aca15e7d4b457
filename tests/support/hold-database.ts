// Test helper process: opens the embedded database in the directory given, says "ready", and
// holds it until its standard input closes. Used to prove a second process is refused.
import { createDatabase } from '@/server/db/client';

async function main() {
  const dataDir = process.argv[2];
  if (!dataDir) throw new Error('usage: hold-database.ts <dataDir>');
  const handle = createDatabase({ engine: 'pglite', dataDir });
  await handle.db.$queryRaw`SELECT 1`;
  process.stdout.write('ready\n');
  process.stdin.resume();
  await new Promise((resolve) => process.stdin.on('end', resolve));
  await handle.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
