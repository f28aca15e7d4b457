// Test helper process for tests/db/crash-safety.test.ts: runs bulk milestone updates through
// server/milestones/structure.ts against the database in ACCORD_CRASH_INPUT, to be killed with
// SIGKILL by the test. Nothing here is a hook in the app: the pause is a Prisma query extension
// installed in this process only.
//   mode "pause": one bulk update of every milestone; after `pauseAfter` rows are written it prints
//                 "paused" and waits, inside the open transaction, to be killed.
//   mode "loop":  bulk updates one after another (each sets every due date to the next day),
//                 printing "committed <n>" after each, until killed.
import { addDays } from '@/lib/dates';
import type { Actor } from '@/server/auth/actor';
import { createDatabase, installDatabase, type Db } from '@/server/db/client';
import type { DatabaseConfig } from '@/server/db/config';
import { bulkUpdateMilestones } from '@/server/milestones/structure';

type Input = { config: DatabaseConfig; actor: Actor; partnershipId: string; mode: 'pause' | 'loop'; pauseAfter?: number };

async function main() {
  const input = JSON.parse(process.env.ACCORD_CRASH_INPUT ?? '') as Input;
  const handle = createDatabase(input.config);
  let written = 0;
  const paused = handle.db.$extends({
    query: {
      milestone: {
        async updateMany({ args, query }) {
          const result = await query(args);
          if (input.mode === 'pause' && ++written === input.pauseAfter) {
            process.stdout.write('paused\n');
            setInterval(() => {}, 60_000); // stay alive (PGlite holds no socket open)
            await new Promise(() => {});
          }
          return result;
        },
      },
    },
  });
  installDatabase({ ...handle, db: paused as unknown as Db });
  const items = async () =>
    (await handle.db.milestone.findMany({ where: { partnershipId: input.partnershipId }, select: { id: true, version: true }, orderBy: { sortOrder: 'asc' } }));
  if (input.mode === 'pause') {
    await bulkUpdateMilestones(input.actor, { items: await items(), status: 'DONE', dueOn: '2030-01-01' });
    throw new Error('the bulk update finished: it should have paused');
  }
  for (let round = 1; ; round++) {
    await bulkUpdateMilestones(input.actor, { items: await items(), dueOn: addDays('2030-01-01', round) });
    process.stdout.write(`committed ${round}\n`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
