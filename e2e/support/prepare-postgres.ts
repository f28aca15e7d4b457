// Run by e2e/database-outage.spec.ts with DATABASE_URL pointing at its throwaway cluster:
// applies the migrations and adds the little the outage test needs (one business-development
// person with a known password, a partnership with one milestone, an API token). Prints the
// token as JSON on stdout.
import { operatorActor } from '@/server/auth/actor';
import { createDatabase } from '@/server/db/client';
import { applyPendingMigrations } from '@/server/db/schema-engine';
import { createApiToken } from '@/server/tokens/mutations';
import { installDatabase } from '@/server/db/client';
import { createMilestone, createPartnership, createUser } from '@/tests/factories/builders';
import { OUTAGE } from './outage-fixture';

async function main() {
  const handle = createDatabase();
  installDatabase(handle);
  try {
    await applyPendingMigrations(handle.adapter.factory);
    const user = await createUser(handle.db, { email: OUTAGE.email, name: 'Olive Outage', role: 'BUSINESS_DEVELOPMENT', password: OUTAGE.password });
    const p = await createPartnership(handle.db, { ownerId: user.id, slug: OUTAGE.slug, name: 'Outage Drill × Standby Bank', stage: 'NEGOTIATING' });
    await createMilestone(handle.db, { partnershipId: p.id, title: OUTAGE.milestone, status: 'IN_PROGRESS', dueOn: '2027-01-15', sortOrder: 1 });
    const token = await createApiToken(operatorActor(), { ownerId: user.id, name: 'outage drill', readOnly: false });
    process.stdout.write(`${JSON.stringify({ token: token.token })}\n`);
  } finally {
    installDatabase(undefined);
    await handle.close();
  }
}

main().then(
  () => process.exit(0), // the schema engine leaves a timer running (stack notes, trap 3)
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
