// `npm run bench:search [-- --engine=postgres|pglite]` (issue 15): search p50/p95 on the bench data
// without building or starting the app: the same query function the API runs (server/search), in
// this process, on each engine's bench database (built first when missing or out of date, as
// `npm run bench` does). `npm run bench` measures the same queries through GET /api/v1/search.
import { parseArgs } from 'node:util';
import { userActor } from '@/server/auth/actor';
import { installDatabase } from '@/server/db/client';
import { searchEverything } from '@/server/search/queries';
import { BENCH_ACCOUNTS, ENGINES, type Engine } from './config';
import { openBenchDatabase, prepareDatabase } from './data/prepare';
import { measureSearch } from './measure/search';

const log = (line: string) => console.log(line);

async function main() {
  const { values } = parseArgs({ options: { engine: { type: 'string' } } });
  const engines = values.engine ? [values.engine as Engine] : ENGINES;
  if (!engines.every((e) => ENGINES.includes(e))) throw new Error(`--engine must be one of ${ENGINES.join(', ')}`);
  for (const engine of engines) {
    log(`\n[${engine}] preparing the bench database`);
    const { dataset } = await prepareDatabase(engine, log);
    log(`  ${dataset.partnerships} partnerships, ${dataset.milestones} milestones, ${dataset.checkpoints} checkpoints, ${dataset.notes} notes, ${dataset.documents} documents`);
    const handle = openBenchDatabase(engine);
    installDatabase(handle);
    try {
      const user = await handle.db.user.findUniqueOrThrow({ where: { email: BENCH_ACCOUNTS.executive.email } });
      const actor = userActor(user);
      log(`[${engine}] search, in process`);
      await measureSearch('in-process', async (q) => (await searchEverything(actor, { q, page: 1, limit: 20 })).results.length, log);
    } finally {
      installDatabase(undefined);
      await handle.close();
    }
  }
}

main().then(
  () => process.exit(0), // PGlite and the schema engine can leave timers running
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
