// Test helper process: imports a large CSV into the database named on the command line and says
// "writing" once the first batch is written inside the transaction. The test kills it there.
import { operatorActor } from '@/server/auth/actor';
import { createDatabase, installDatabase } from '@/server/db/client';
import { importMetrics } from '@/server/metrics/import/run';

async function main() {
  const [engine, target, schema, slug, rowsArg] = process.argv.slice(2);
  const handle = engine === 'pglite'
    ? createDatabase({ engine: 'pglite', dataDir: target! })
    : createDatabase({ engine: 'postgresql', connectionString: target!, schema: schema || null });
  installDatabase(handle);
  const lines = ['partnership,region,metric,date,value'];
  for (let i = 0; i < Number(rowsArg); i += 1) {
    const day = new Date(Date.UTC(2001, 0, 1) + (i % 5000) * 86_400_000).toISOString().slice(0, 10);
    lines.push(`${slug},${['US', 'GB', 'SG', 'AU', 'DE', 'JP', 'HK', 'CN'][Math.floor(i / 5000) % 8]},${i < 40_000 ? 'transactions' : 'payment_volume'},${day},${i}`);
  }
  let said = false;
  const report = await importMetrics(operatorActor(), slug!, { text: lines.join('\n'), fileName: 'crash.csv', dryRun: false }, (p) => {
    if (p.phase === 'writing' && !said) {
      said = true;
      process.stdout.write('writing\n');
    }
  });
  process.stdout.write(`committed ${report.rows}\n`);
  await handle.close();
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
