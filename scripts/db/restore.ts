// `npm run db:restore -- <file> [--yes]`: replaces the configured database with a backup made by
// `npm run db:backup`, all or nothing. Asks first when run in a terminal (--yes skips the question).
// Embedded database: stop the app first. docs/decisions/005-backup.md
import readline from 'node:readline/promises';
import { restoreDatabase } from '@/server/db/backup';
import { createDatabase } from '@/server/db/client';
import { describeDatabase, readDatabaseConfig } from '@/server/db/config';
import { describeMigrationProblem, readMigrationStatus } from '@/server/db/migration-status';

const USAGE = 'Usage: npm run db:restore -- <backup file> [--yes]';

async function confirm(question: string): Promise<boolean> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    return (await rl.question(question)).trim().toLowerCase() === 'restore';
  } finally {
    rl.close();
  }
}

async function main() {
  const args = process.argv.slice(2);
  const yes = args.includes('--yes') || args.includes('-y');
  const files = args.filter((a) => a !== '--yes' && a !== '-y');
  if (files.length !== 1 || files[0]!.startsWith('-')) throw new Error(USAGE);
  const file = files[0]!;
  const config = readDatabaseConfig();
  if (!yes && process.stdin.isTTY) {
    const ok = await confirm(`This replaces everything in ${describeDatabase(config)} with ${file}. Type "restore" to go on: `);
    if (!ok) throw new Error('Nothing was restored.');
  }
  const started = Date.now();
  const result = await restoreDatabase(config, file);
  console.log(`Restored ${result.database} from ${file} (${((Date.now() - started) / 1000).toFixed(1)} s).`);
  // A backup from an older Accord needs the newer migrations before the app serves it.
  const handle = createDatabase(config);
  try {
    const problem = describeMigrationProblem(await readMigrationStatus(handle.db));
    if (problem) console.error(problem);
  } finally {
    await handle.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
