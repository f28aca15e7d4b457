import { defineConfig } from 'prisma/config';

// Offline machines: Prisma's CLI downloads a native schema engine even for `generate`.
// Pointing it at an existing file stops the download; `generate` does not need the engine.
// Migrations run through the WebAssembly engine instead (scripts/db/*, docs/decisions/001).
// Online, unset PRISMA_SCHEMA_ENGINE_BINARY is honoured if the operator sets it themselves.
if (!process.env.PRISMA_SCHEMA_ENGINE_BINARY && process.env.ACCORD_PRISMA_ONLINE !== '1') {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = '/bin/false';
}

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: {
    path: 'prisma/migrations',
    seed: 'tsx prisma/seed.ts',
  },
  // Only the online CLI (`prisma migrate deploy`) reads this; the app chooses its engine in server/db.ts.
  datasource: {
    url: process.env.DATABASE_URL ?? '',
  },
});
