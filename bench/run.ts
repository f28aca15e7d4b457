// `npm run bench` (issue 7): builds deterministic data at scale in bench databases of their own,
// starts the production app against each engine and measures it against the database's own speed,
// side by side. `-- --engine=postgres|pglite` for one engine; `-- --no-lighthouse` to skip
// Lighthouse (faster); `-- --load-seconds=N` for the autocannon runs (default 10, twice that at
// 50 connections). Writes bench/results/<date>-<engine>.json and bench/results/README.md.
// `-- --pages-only` measures only the pages against their floors (issue 14, goals 1 and 2) and
// prints them, without writing results: for trying a change to a page.
// `-- --metrics-only` likewise for the metrics API against the database and the CSV, XLSX and
// JSON exports (issue 14, goal 5); add `--metrics-part=api` or `=exports` for one half of it.
// A measurement, not a test: it never fails on a figure, only when something breaks.
import { parseArgs } from 'node:util';
import { ensureBuild, startApp, type AppServer, type Processes } from './app-server';
import { BASE_URL, DEMO_PAGES, ENGINES, FLAGSHIP, TYPICAL, type Engine } from './config';
import { appEnv, openBenchDatabase, prepareDatabase } from './data/prepare';
import { openDirect } from './direct-db';
import { request, signIn } from './http';
import { measureCsvExport } from './measure/csv-export';
import { measureDocuments } from './measure/documents';
import { measureFileExports } from './measure/file-exports';
import { measureDashboardLoad } from './measure/dashboard-load';
import { measurePages, type PagesLoad } from './measure/page-load';
import { DEMO_LOGIN, demoEnv, prepareDemo } from './data/demo';
import { measureFrontend } from './measure/frontend';
import { measureMetricsApi } from './measure/metrics-api';
import { measureSearch } from './measure/search';
import { measureWrites, verifyWrites } from './measure/writes';
import { comparisonLines, writeMarkdown } from './report/markdown';
import { machineFacts, saveResult } from './report/results';

const log = (line: string) => console.log(line);

async function benchEngine(engine: Engine, runId: string, options: { lighthouse: boolean; loadSeconds: number }) {
  const started = performance.now();
  const step = (title: string) => log(`\n[${engine}] ${title} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  step('preparing the bench database');
  const { dataset, access } = await prepareDatabase(engine, log);
  log(`  ${dataset.metricRows.toLocaleString('en')} metric rows, ${dataset.auditRows.toLocaleString('en')} audit rows (${dataset.reused ? 'reused' : 'generated'})`);

  const direct = await openDirect(engine);
  let app: AppServer | null = null;
  try {
    const [version] = await direct.query('SELECT version() AS v');
    const machine = machineFacts(String(version!.v));
    step('starting the app (one process: the metrics API, search, exports and documents are measured per process)');
    app = await startApp(engine, appEnv(engine), 'one');
    const restartApp = async (processes: Processes = 'one') => {
      await app?.stop();
      app = null;
      app = await startApp(engine, appEnv(engine), processes);
      return app;
    };

    step('metrics API vs the database');
    const { queries: metricsApi, floor: apiFloor } = await measureMetricsApi(direct, access.analystToken, log);
    step('search (GET /api/v1/search)');
    const search = await measureSearch('api', async (q) => {
      const reply = await request('GET', `/api/v1/search?q=${encodeURIComponent(q)}`, { headers: { authorization: `Bearer ${access.analystToken}` } });
      if (reply.status !== 200) throw new Error(`search ${JSON.stringify(q)} answered ${reply.status}: ${reply.body.slice(0, 200)}`);
      return (JSON.parse(reply.body) as { results: unknown[] }).results.length;
    }, log);
    step('CSV export vs COPY, and app memory (the app restarts before each export)');
    const csv = await measureCsvExport({ engine, db: direct, token: access.analystToken, restartApp, log });
    step('XLSX and JSON exports: speed and app memory (the app restarts before each export)');
    const fileExports = await measureFileExports({ engine, token: access.analystToken, restartApp, rows: { small: csv.small.rows, large: csv.large.rows }, log });
    step('documents: 1 MB and 25 MB uploaded and downloaded against a disk copy, and app memory (the app restarts before each size)');
    const [evidence] = await direct.query(`SELECT c.id FROM regulatory_checkpoints c JOIN partnerships p ON p.id = c."partnershipId" WHERE p.slug = $1 ORDER BY c.id LIMIT 1`, [FLAGSHIP]);
    const uploaded: string[] = [];
    const documents = await measureDocuments({
      baseUrl: BASE_URL, token: access.bdToken, checkpointId: String(evidence!.id), log,
      restart: async () => ({ pid: (await restartApp()).pid }),
      cleanup: async (ids) => void uploaded.push(...ids), // deleted once the app has stopped (below)
    });
    step(`restarting the app as a deployment runs it (${engine === 'postgres' ? 'one process per core, decision 027' : 'one process'})`);
    app = await restartApp('deployment');
    log(`  ${app.processes} app process${app.processes > 1 ? 'es' : ''}`);
    step(`dashboard under load (${TYPICAL}) against /api/health`);
    const cookie = await signIn(access.executive.email, access.executive.password);
    const dashboard = await measureDashboardLoad({ slug: TYPICAL, cookie, durationSeconds: options.loadSeconds, log });
    step('pages against the floor, on the bench data');
    const pages: PagesLoad[] = [];
    pages.push(await measurePages({
      data: 'bench', cookie, pid: app.pid, processes: app.processes, durationSeconds: options.loadSeconds, log,
      ...benchPages(dataset.partnerships),
    }));
    step('milestone updates under load');
    const writes = await measureWrites({ slug: FLAGSHIP, token: access.bdToken, connections: 20, durationSeconds: options.loadSeconds, log });
    step(`front end${options.lighthouse ? ' (first-load JS and Lighthouse)' : ' (first-load JS only)'}`);
    const frontend = await measureFrontend({
      engine, routes: ['/', `/partnerships/${FLAGSHIP}`], email: access.executive.email, password: access.executive.password, lighthouse: options.lighthouse, log,
    });

    step('stopping the app; counting the updates in SQL');
    await app.stop();
    app = null;
    step('pages against the floor, on the demo data (a fresh demo database)');
    await prepareDemo(engine, log);
    app = await startApp(engine, demoEnv(engine));
    const demoCookie = await signIn(DEMO_LOGIN.email, DEMO_LOGIN.password);
    pages.push(await measurePages({
      data: 'demo', cookie: demoCookie, pid: app.pid, processes: app.processes, durationSeconds: options.loadSeconds, log,
      ...DEMO_PAGES,
    }));
    await app.stop();
    app = null;
    const handle = openBenchDatabase(engine);
    try {
      writes.verification = await verifyWrites(writes, (sql, ...params) => handle.db.$queryRawUnsafe(sql, ...params));
      await handle.db.document.deleteMany({ where: { id: { in: uploaded } } }); // the bench data is reused: keep it as generated
    } finally {
      await handle.close();
    }
    log(`  ${writes.updated} successful updates; ${writes.verification!.auditRows} audit rows; ${writes.verification!.versionIncrements} version increments`);

    const wallSeconds = Math.round((performance.now() - started) / 1000);
    const { file, result } = saveResult({
      engine, runId, measuredAt: new Date().toISOString(), wallSeconds, machine, dataset, metricsApi, apiFloor, csv, fileExports, documents, dashboard, pages, writes, search, frontend,
    });
    step(`done: ${file}`);
    for (const f of result.figures) {
      if (f.pass === false) log(`  FAIL ${f.label}: ${f.value}${f.unit} (goal ${f.goal})`);
    }
    log(`  ${result.figures.filter((f) => f.pass).length} of ${result.figures.length} goals met`);
  } finally {
    await (app as AppServer | null)?.stop();
    await direct.close();
  }
}

/**
 * The pages measured against the floor, and pages whose payload is only weighed (issue 14, goals 1
 * and 4): a dashboard with its "since your last review" list full, and the activity feed, where
 * every change's "→" once made the RSC payload two-byte (bench/results/notes.md, 2026-12-05).
 */
function benchPages(partnerships: number): Pick<Parameters<typeof measurePages>[0], 'pages' | 'payloadOnly'> {
  return {
    pages: [
      { page: `portfolio (${partnerships} partnerships)`, path: '/' },
      { page: `dashboard ${FLAGSHIP}`, path: `/partnerships/${FLAGSHIP}` },
      { page: `metrics explorer ${FLAGSHIP}`, path: `/partnerships/${FLAGSHIP}/metrics` },
      { page: 'audit trail', path: '/audit' },
    ],
    payloadOnly: [
      { page: `dashboard ${FLAGSHIP}, every change since 2014 listed`, path: `/partnerships/${FLAGSHIP}?since=2014-01-01` },
      { page: `activity ${FLAGSHIP}`, path: `/partnerships/${FLAGSHIP}/activity` },
    ],
  };
}


/** `--pages-only`: the page measurements of one engine, printed, nothing written. */
async function pagesOnly(engine: Engine, loadSeconds: number) {
  const { dataset, access } = await prepareDatabase(engine, log);
  let app: AppServer | null = await startApp(engine);
  const print = (set: PagesLoad) => {
    for (const x of set.ratios) {
      log(`  ${set.data} ${x.page}: ÷ sign-in ${x.toFloor}, ÷ signed-in floor ${x.toSignedInFloor}, by CPU ${x.byCpuToSignedInFloor ?? '?'}, 10 ÷ 1 ${x.tenToOne}, p95 ÷ p50 ${x.p95ToP50}`);
    }
  };
  try {
    const cookie = await signIn(access.executive.email, access.executive.password);
    print(await measurePages({
      data: 'bench', cookie, pid: app.pid, processes: app.processes, durationSeconds: loadSeconds, log,
      ...benchPages(dataset.partnerships),
    }));
    await app.stop();
    app = null;
    await prepareDemo(engine, log);
    app = await startApp(engine, demoEnv(engine));
    const demoCookie = await signIn(DEMO_LOGIN.email, DEMO_LOGIN.password);
    print(await measurePages({
      data: 'demo', cookie: demoCookie, pid: app.pid, processes: app.processes, durationSeconds: loadSeconds, log,
      ...DEMO_PAGES,
    }));
  } finally {
    await (app as AppServer | null)?.stop();
  }
}

/** `--metrics-only` (`--metrics-part=api|exports`): the metrics API and export measurements of one engine, printed, nothing written. */
async function metricsOnly(engine: Engine, part: string) {
  const { access } = await prepareDatabase(engine, log);
  const direct = await openDirect(engine);
  let app: AppServer | null = await startApp(engine, appEnv(engine), 'one');
  const restartApp = async () => {
    await app?.stop();
    app = null;
    app = await startApp(engine, appEnv(engine), 'one');
    return app;
  };
  try {
    if (part !== 'exports') {
      log(`\n[${engine}] metrics API vs the database`);
      await measureMetricsApi(direct, access.analystToken, log);
    }
    if (part !== 'api') {
      log(`\n[${engine}] CSV export vs COPY, and app memory`);
      const csv = await measureCsvExport({ engine, db: direct, token: access.analystToken, restartApp, log });
      log(`\n[${engine}] XLSX and JSON exports`);
      const files = await measureFileExports({ engine, token: access.analystToken, restartApp, rows: { small: csv.small.rows, large: csv.large.rows }, log });
      log(`  CSV memory all ÷ ~100k ${(csv.large.memory.peakMb / csv.small.memory.peakMb).toFixed(2)}`);
      for (const format of ['xlsx', 'json'] as const) {
        const [small, large] = files.filter((f) => f.format === format);
        log(`  ${format.toUpperCase()} memory all ÷ ~100k ${(large!.peakMb / small!.peakMb).toFixed(2)}`);
      }
    }
  } finally {
    await (app as AppServer | null)?.stop();
    await direct.close();
  }
}

async function main() {
  const { values } = parseArgs({
    options: {
      engine: { type: 'string' }, 'no-lighthouse': { type: 'boolean', default: false }, 'load-seconds': { type: 'string', default: '10' },
      'pages-only': { type: 'boolean', default: false }, 'metrics-only': { type: 'boolean', default: false },
      'metrics-part': { type: 'string', default: 'all' },
    },
  });
  const engines = values.engine ? [values.engine as Engine] : ENGINES;
  if (!engines.every((e) => ENGINES.includes(e))) throw new Error(`--engine must be one of ${ENGINES.join(', ')}`);
  const started = performance.now();
  const runId = new Date().toISOString().slice(0, 19);
  ensureBuild(log);
  if (values['pages-only']) {
    for (const engine of engines) await pagesOnly(engine, Number(values['load-seconds']));
    return;
  }
  if (values['metrics-only']) {
    for (const engine of engines) await metricsOnly(engine, values['metrics-part']);
    return;
  }
  for (const engine of engines) {
    await benchEngine(engine, runId, { lighthouse: !values['no-lighthouse'], loadSeconds: Number(values['load-seconds']) });
  }
  const markdown = writeMarkdown();
  if (engines.length > 1) log(`\n${comparisonLines().join('\n')}`);
  log(`\nWrote ${markdown}. Wall time: ${((performance.now() - started) / 60_000).toFixed(1)} min for ${engines.join(' + ')}.`);
}

main().then(
  () => process.exit(0), // PGlite and the schema engine can leave timers running
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
