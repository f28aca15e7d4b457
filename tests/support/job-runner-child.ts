// Test helper process (tests/db/jobs.test.ts): a job runner on the PostgreSQL schema named on the
// command line, whose only job kind records that it started, says "running <id>", and never ends.
// The test kills it there with SIGKILL, as a crashed app instance would die mid-job.
import { createDatabase } from '@/server/db/client';
import { createJobRunner } from '@/server/jobs/runner';

async function main() {
  const [url, schema, leaseMs] = process.argv.slice(2);
  const handle = createDatabase({ engine: 'postgresql', connectionString: url!, schema: schema! });
  const runner = createJobRunner({
    db: handle.db,
    id: 'doomed-runner',
    leaseMs: Number(leaseMs),
    log: () => {},
    registry: {
      'probe.work': {
        label: 'Probe that hangs',
        async run(_payload, { db, jobId }) {
          await db.$executeRaw`INSERT INTO job_probe ("jobId", event) VALUES (${jobId}, 'started')`;
          process.stdout.write(`running ${jobId}\n`);
          await new Promise(() => {}); // never finishes: killed here
        },
      },
    },
  });
  await runner.tick();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
