// `npm run load` (issue 8): a 60-second mixed read/write load on the production app, per engine:
// autocannon on the signed-in dashboard and the metrics API (reads) while 10 connections update
// milestones (writes). Passes only with zero errors (5xx, socket errors, timeouts, any answer
// other than 200; for the writes a 409 is not an error but a concurrent edit losing as it should)
// and when the audit rows counted in SQL afterwards equal the successful writes. Exit 1 otherwise.
// `-- --engine=postgres|pglite`, `-- --seconds=N`. Uses the bench databases (npm run bench builds them).
import autocannon, { type Result } from 'autocannon';
import { parseArgs } from 'node:util';
import { ensureBuild, startApp, type AppServer } from './app-server';
import { BASE_URL, ENGINES, FLAGSHIP, TYPICAL, type Engine } from './config';
import { openBenchDatabase, prepareDatabase } from './data/prepare';
import { signIn } from './http';
import { measureWrites, verifyWrites } from './measure/writes';

const log = (line: string) => console.log(line);

function cannon(path: string, connections: number, seconds: number, headers: Record<string, string>): Promise<Result> {
  return new Promise((resolve, reject) => {
    autocannon({ url: `${BASE_URL}${path}`, connections, duration: seconds, timeout: 60, headers }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const failures = (r: Result) => r.errors + r.timeouts + r.non2xx;

async function loadEngine(engine: Engine, seconds: number): Promise<boolean> {
  log(`\n[${engine}] preparing the bench database`);
  const { access } = await prepareDatabase(engine, log);
  let app: AppServer | null = await startApp(engine);
  try {
    const cookie = await signIn(access.executive.email, access.executive.password);
    log(`[${engine}] ${seconds} s: dashboard (5 connections), metrics API (5), milestone updates (10), all at once`);
    const [dashboard, metrics, writes] = await Promise.all([
      cannon(`/partnerships/${TYPICAL}`, 5, seconds, { cookie }),
      cannon(`/api/v1/partnerships/${TYPICAL}/metrics?metric=cards_added&granularity=week`, 5, seconds, { authorization: `Bearer ${access.analystToken}` }),
      measureWrites({ slug: FLAGSHIP, token: access.bdToken, connections: 10, durationSeconds: seconds, log }),
    ]);
    await app.stop();
    app = null;
    const handle = openBenchDatabase(engine);
    try {
      writes.verification = await verifyWrites(writes, (sql, ...params) => handle.db.$queryRawUnsafe(sql, ...params));
    } finally {
      await handle.close();
    }
    const readErrors = failures(dashboard) + failures(metrics);
    const writeErrors = writes.serverErrors + writes.otherErrors;
    log(`  reads:  dashboard ${dashboard.requests.total} (${dashboard.requests.average}/s, p50 ${dashboard.latency.p50} ms), metrics API ${metrics.requests.total} (${metrics.requests.average}/s, p50 ${metrics.latency.p50} ms); errors ${readErrors}`);
    log(`  writes: ${writes.attempts} attempts, ${writes.updated} saved, ${writes.conflicts} refused with 409 (a concurrent edit won), ${writeErrors} errors`);
    log(`  audit:  ${writes.verification!.auditRows} audit rows and ${writes.verification!.versionIncrements} version increments for ${writes.updated} saved updates`);
    const ok = readErrors === 0 && writeErrors === 0 && writes.verification!.mismatches === 0;
    log(`  ${ok ? 'PASS' : 'FAIL'}: ${ok ? 'no errors, every saved update has its audit row' : 'see above'}`);
    return ok;
  } finally {
    await app?.stop();
  }
}

async function main() {
  const { values } = parseArgs({ options: { engine: { type: 'string' }, seconds: { type: 'string', default: '60' } } });
  const engines = values.engine ? [values.engine as Engine] : ENGINES;
  if (engines.some((e) => !ENGINES.includes(e))) throw new Error(`--engine must be one of ${ENGINES.join(', ')}`);
  ensureBuild(log);
  let ok = true;
  for (const engine of engines) ok = (await loadEngine(engine, Number(values.seconds))) && ok;
  process.exit(ok ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
