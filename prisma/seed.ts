// `npm run db:seed`: loads the demo dataset (tests/factories/demo.ts) into the configured
// database (ACCORD_SEED_SCOPE=users: only the demo people and the metric catalogue).
// Idempotent; run `npm run db:migrate` first. Demo passwords are for demos only.
import { createDatabase } from '@/server/db/client';
import { describeDatabase } from '@/server/db/config';
import { seedDemo } from '@/tests/factories/demo';
import { seedDemoUsers } from '@/tests/factories/demo-users';

async function main() {
  const handle = createDatabase();
  try {
    const started = Date.now();
    if (process.env.ACCORD_SEED_SCOPE === 'users') {
      const created = await seedDemoUsers(handle.db);
      console.log(`Seeded ${describeDatabase(handle.config)}: the demo people only (${created} created) and the metric catalogue.`);
      return;
    }
    const summary = await seedDemo(handle.db, { today: process.env.ACCORD_SEED_TODAY });
    const created = summary.partnershipsCreated.length
      ? `created ${summary.partnershipsCreated.join(', ')}`
      : 'demo partnerships already present';
    console.log(
      `Seeded ${describeDatabase(handle.config)}: ${created}; ${summary.metricRowsAdded} metric rows added ` +
        `(${((Date.now() - started) / 1000).toFixed(1)} s).`,
    );
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
