// `npm run db:backup [-- --out <file>]`: a whole backup of the configured database (PGlite in
// ./data by default, or DATABASE_URL). PostgreSQL: pg_dump custom format of Accord's schema;
// embedded: PGlite's data-directory tarball (stop the app first). docs/decisions/005-backup.md
import { backupDatabase, defaultBackupFile } from '@/server/db/backup';
import { readDatabaseConfig } from '@/server/db/config';

function parseArgs(argv: string[]): { out?: string } {
  const out: { out?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--out' || arg === '-o') out.out = argv[++i];
    else if (arg.startsWith('--out=')) out.out = arg.slice('--out='.length);
    else throw new Error(`Unknown argument "${arg}". Usage: npm run db:backup [-- --out <file>]`);
  }
  if (out.out === '') throw new Error('--out needs a file name.');
  return out;
}

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const config = readDatabaseConfig();
  const started = Date.now();
  const summary = await backupDatabase(config, out ?? defaultBackupFile(config));
  const size = summary.bytes > 1e6 ? `${(summary.bytes / 1e6).toFixed(1)} MB` : `${Math.ceil(summary.bytes / 1e3)} kB`;
  console.log(`Backed up ${summary.database} to ${summary.file} (${size}, ${((Date.now() - started) / 1000).toFixed(1)} s).`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
