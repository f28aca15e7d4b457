// `npm run worker`: runs the durable jobs only, without serving pages (docs/decisions/008-jobs.md).
// For deployments that separate them: start the app with ACCORD_JOBS=off and one or more workers
// on the same DATABASE_URL. SIGTERM/SIGINT finish the jobs in hand, then exit.
import { getDatabase } from '@/server/db/client';
import { startJobRunner, stopJobRunner } from '@/server/jobs/start';

delete process.env.ACCORD_JOBS; // this process exists to run them
const runner = startJobRunner()!;
console.log(`[accord jobs] worker ${runner.id} polling ${getDatabase().engine === 'pglite' ? 'the embedded database' : 'PostgreSQL'}`);
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    console.log(`[accord jobs] ${signal}: finishing the jobs in hand`);
    void stopJobRunner()
      .then(() => getDatabase().close())
      .then(() => process.exit(0));
  });
}
