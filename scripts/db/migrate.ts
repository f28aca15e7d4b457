// `npm run db:migrate`: applies pending migrations to the configured database (PGlite in ./data
// by default, or DATABASE_URL) through Prisma's WebAssembly schema engine. Safe to re-run.
import { describeDatabase, readDatabaseConfig } from '@/server/db/config';
import { openAdapter } from '@/server/db/adapter';
import { applyPendingMigrations } from '@/server/db/schema-engine';

async function main() {
  const config = readDatabaseConfig();
  const adapter = openAdapter(config);
  try {
    const applied = await applyPendingMigrations(adapter.factory);
    console.log(
      applied.length
        ? `Applied ${applied.length} migration(s) to ${describeDatabase(config)}:\n  ${applied.join('\n  ')}`
        : `${describeDatabase(config)} is up to date.`,
    );
  } finally {
    await adapter.close();
  }
}

main().then(
  () => process.exit(0), // the engine leaves a timer running (stack notes, trap 3)
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
