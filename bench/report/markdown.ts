import fs from 'node:fs';
import path from 'node:path';
import { RESULTS_DIR, type Engine } from '../config';
import { describePayload } from '../measure/page-load';
import type { Figure } from './figures';
import { previousResult, type EngineResult } from './results';

const NAMES: Record<Engine, string> = { postgres: 'PostgreSQL', pglite: 'PGlite' };
const mark = (pass: boolean | null) => (pass === null ? '–' : pass ? 'pass' : '**FAIL**');
const show = (f: Figure | undefined) => (f?.value == null ? '–' : `${f.value}${f.unit ? ` ${f.unit}` : ''}`.replace(' ×', '×'));
const num = (x: number) => x.toLocaleString('en');
const row = (cells: (string | number)[]) => `| ${cells.join(' | ')} |`;

const latestResults = () => (['postgres', 'pglite'] as Engine[]).map((e) => previousResult(e)).filter((r): r is EngineResult => r !== null);

/** The PGlite ÷ PostgreSQL table of the latest results (printed at the end of a run as well). */
export function comparisonLines(): string[] {
  return engineComparison(latestResults());
}

/** bench/results/README.md: the latest result of each engine, goals beside figures, previous run beside that. */
export function writeMarkdown(): string {
  const results = latestResults();
  const notesFile = path.join(RESULTS_DIR, 'notes.md');
  const lines: string[] = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (see the README). Every figure with a goal is a ratio measured side by side in one run, or a count;',
    'absolute times are shown for context only: these machines are shared and noisy.',
    '',
    ...results.map((r) => `- ${NAMES[r.engine]}: ${r.measuredAt.replace('T', ' ').slice(0, 16)} UTC, ${Math.round(r.wallSeconds)} s, commit ${r.machine.commit}, run ${r.runId}`),
    '',
    ...goalsTable(results),
    ...results.flatMap(details),
    ...engineComparison(results),
    ...machineTable(results),
    ...(fs.existsSync(notesFile) ? ['', fs.readFileSync(notesFile, 'utf8').trim(), ''] : []),
  ];
  const file = path.join(RESULTS_DIR, 'README.md');
  fs.writeFileSync(file, `${lines.join('\n').replace(/\n{3,}/g, '\n\n').trim()}\n`);
  return file;
}

function goalsTable(results: EngineResult[]): string[] {
  const ids = [...new Set(results.flatMap((r) => r.figures.map((f) => f.id)))];
  const header = ['Figure', 'Goal', ...results.flatMap((r) => [NAMES[r.engine], 'pass', 'previous'])];
  const out = ['## Goals', '', row(header), row(header.map(() => '---'))];
  for (const id of ids) {
    const any = results.map((r) => r.figures.find((f) => f.id === id)).find(Boolean)!;
    const cells = results.flatMap((r) => {
      const f = r.figures.find((x) => x.id === id);
      const before = r.previous?.figures.find((x) => x.id === id);
      return [show(f), f ? mark(f.pass) : '–', show(before)];
    });
    out.push(row([any.label, any.goal, ...cells]));
  }
  return [...out, ''];
}

function details(r: EngineResult): string[] {
  const d = r.dataset;
  const out = [
    `## ${NAMES[r.engine]}`,
    '',
    `Data: ${d.partnerships} partnerships, ${num(d.metricRows)} metric rows (+ ${num(d.targetRows)} target rows), ${d.milestones} milestones, ` +
      `${d.checkpoints} checkpoints, ${d.rollouts} rollouts, ${num(d.auditRows)} audit rows; ${d.reused ? 'reused (checksum ' + d.checksum + ')' : `generated in ${d.generateSeconds?.toFixed(1)} s`}.`,
    '',
    '### Metrics API vs the database (JSON, ms)',
    '',
    row(['Query', 'Rows', 'API p50', 'API p95', 'DB p50', 'DB p95', 'Ratio p50 (goal ≤ 1.3)', 'Ratio p95', 'Same answer']),
    row(Array(9).fill('---')),
    ...r.metricsApi.map((m) =>
      row([`${m.query.id}: ${m.query.label}`, num(m.rows), m.api.p50, m.api.p95, m.direct.p50, m.direct.p95, m.ratioP50, m.ratioP95, m.sameAnswer ? 'yes' : '**no**'])),
    '',
    ...(r.apiFloor ? [`The app's fixed cost per request: \`GET /api/v1/me\` (token checked, no metrics read) p50 ${r.apiFloor.p50} ms, p95 ${r.apiFloor.p95} ms.`, ''] : []),
    '### CSV export vs COPY',
    '',
    row(['Export', 'Rows', 'API rows/s', 'COPY rows/s', 'Ratio (goal ≥ 0.5)', 'API time', 'COPY time', 'App memory before → peak']),
    row(Array(8).fill('---')),
    ...[r.csv.small, r.csv.large].map((c) =>
      row([c.label, num(c.rows), num(c.api.rowsPerSecond), num(c.copy.rowsPerSecond), c.ratio, `${(c.api.ms / 1000).toFixed(1)} s`, `${(c.copy.ms / 1000).toFixed(1)} s`, `${c.memory.baselineMb} → ${c.memory.peakMb} MB`])),
    '',
    ...(r.fileExports?.length
      ? [
          '### XLSX and JSON exports (download=1, the explorer\'s buttons)',
          '',
          row(['Format', 'Export', 'Rows', 'Rows/s', 'Time', 'Size', 'App memory before → peak']),
          row(Array(7).fill('---')),
          ...r.fileExports.map((f) => row([f.format.toUpperCase(), f.label, num(f.rows), num(f.rowsPerSecond), `${(f.ms / 1000).toFixed(1)} s`, `${f.megabytes} MB`, `${f.baselineMb} → ${f.peakMb} MB`])),
          '',
        ]
      : []),
    `### Under load (autocannon; dashboard of \`${r.dashboard.slug}\`, signed in as an executive)`,
    '',
    row(['Target', 'Connections', 'Seconds', 'Requests', 'Req/s', 'p50 ms', 'p95 ms', 'Errors (goal 0)']),
    row(Array(8).fill('---')),
    ...r.dashboard.runs.map((x) => row([x.target === 'dashboard' ? `/partnerships/${r.dashboard.slug}` : '/api/health', x.connections, x.seconds ?? r.dashboard.durationSeconds, num(x.requests), x.perSecond, x.p50, x.p95, x.errors])),
    '',
    ...(r.dashboard.firstVisitBurst ? [`First visit of the dashboard from ${r.dashboard.firstVisitBurst.requests} requests at once: ${r.dashboard.firstVisitBurst.errors} errors.`, ''] : []),
    ...r.dashboard.ratios.map((x) => `Dashboard ÷ health at ${x.connections} connections: p50 ${x.p50}×, throughput ${x.perSecond}×.`),
    '',
    ...(r.pages ?? []).flatMap((set) => [
      `### Pages against the floor (${set.data} data; signed in as an executive; the floor is \`${set.floor.path}\`, signed out${set.signedInFloor ? `, and \`${set.signedInFloor.path}\` with no query, signed in (the session check and the shell)` : ''})`,
      '',
      `${set.appProcesses && set.appProcesses > 1 ? `${set.appProcesses} app processes served (one per core on PostgreSQL, decision 027); their` : 'One app process served; its'} CPU time (user + system, from /proc) per answered request at that level is "App CPU"; "by CPU" is the signed-in floor's CPU per request ÷ the page's, the throughput ratio the CPU alone would allow.`,
      '',
      ...(set.warm ? ['Each page was first loaded at 10 connections for at least 2,000 answers and until its app CPU per request held within 8% over two 3 s windows, 30 s at most (a served page is warm); each window\'s CPU ms/request: ' +
        set.warm.map((w) => `${w.page} ${w.cpuMsPerRequest.join(' → ')} (${w.requests} requests)`).join('; ') + '.', ''] : []),
      ...(set.rounds?.length ? ['Each page was then measured in three rounds, each the signed-in floor at 10 connections, the page at 10 and the page at 1, one after the other; "÷ signed-in floor", "by CPU" and "10 ÷ 1" are the medians of the rounds\' ratios, and the page\'s rows below hold its rounds\' windows together. Req/s by round (floor / page at 10 / page at 1), and the page ÷ the floor measured once before every page (the earlier runs\' method): ' +
        set.rounds.map((x) => `${x.page}: ${x.floorPerSecond.map((f, k) => `${f} / ${x.pagePerSecond[k]} / ${x.onePerSecond[k]}`).join(', ')}; once ${x.toSignedInFloorOnce}`).join('; ') + '.', ''] : []),
      row(['Page', 'Connections', 'Req/s', 'p50 ms', 'p95 ms', 'Errors', 'App CPU ms/request', '÷ sign-in page at 10 (≥ 0.5)', '÷ signed-in floor at 10 (≥ 0.5)', 'by CPU ÷ signed-in floor', '10 ÷ 1 connection (≥ 1)', 'p95 ÷ p50 (≤ 3)', 'HTML kB', 'gzip kB', 'RSC payload as inlined']),
      row(Array(15).fill('---')),
      ...set.runs.map((x) => {
        const q = set.ratios.find((y) => y.page === x.page);
        const b = set.bytes.find((y) => y.page === x.page);
        const first = set.runs.find((y) => y.page === x.page) === x;
        return row([`${x.page} (\`${x.path}\`)`, x.connections, x.perSecond, x.p50, x.p95, x.errors, x.cpuMsPerRequest ?? '–',
          first && q ? q.toFloor : '', first && q ? (q.toSignedInFloor ?? '–') : '', first && q ? (q.byCpuToSignedInFloor ?? '–') : '', first && q ? q.tenToOne : '', first && q ? q.p95ToP50 : '',
          first && b ? (b.htmlBytes / 1024).toFixed(1) : '', first && b ? (b.gzipBytes / 1024).toFixed(1) : '', first && b?.payload ? describePayload(b.payload) : '']);
      }),
      '',
      ...set.bytes.filter((b) => !set.runs.some((x) => x.path === b.path)).map((b) =>
        `Weighed only: ${b.page} (\`${b.path}\`): ${(b.htmlBytes / 1024).toFixed(1)} kB, ${(b.gzipBytes / 1024).toFixed(1)} kB gzipped; RSC payload ${b.payload ? describePayload(b.payload) : '–'}.`),
      '',
    ]),
    `Milestone updates (PATCH /api/v1/milestones/{id}, ${r.writes.connections} connections, ${r.writes.durationSeconds} s, ${r.writes.pool} milestones of \`${r.writes.slug}\`): ` +
      `**${r.writes.perSecond} updates/s**, ${r.writes.updated} updated, ${r.writes.conflicts} refused with 409 (a concurrent edit won; expected), ` +
      `${r.writes.serverErrors} 5xx, ${r.writes.otherErrors} other errors; p50 ${r.writes.p50} ms, p95 ${r.writes.p95} ms. ` +
      (r.writes.verification
        ? `In SQL afterwards: ${r.writes.verification.auditRows} audit rows and ${r.writes.verification.versionIncrements} version increments for ${r.writes.updated} successes.`
        : 'Not verified in SQL.'),
    '',
  ];
  if (r.frontend) {
    out.push('### Front end', '', row(['Route', 'Scripts', 'JS gzip kB (≤ 200)', 'Lighthouse desktop (≥ 90)', 'Lighthouse mobile (≥ 90)', 'LCP desktop / mobile ms', 'TBT desktop / mobile ms']), row(Array(7).fill('---')));
    for (const f of r.frontend) {
      const lh = f.lighthouse;
      out.push(row([f.route, f.scripts, f.gzipKb, lh?.desktop.score ?? '–', lh?.mobile.score ?? '–', lh ? `${lh.desktop.lcpMs} / ${lh.mobile.lcpMs}` : '–', lh ? `${lh.desktop.tbtMs} / ${lh.mobile.tbtMs}` : '–']));
    }
    out.push('');
  }
  return out;
}

/** How many app processes served the pages (absent before 2026-12-06: one). */
const processesOf = (r: EngineResult) => r.pages?.[0]?.appProcesses ?? 1;

function engineComparison(results: EngineResult[]): string[] {
  const pgr = results.find((r) => r.engine === 'postgres');
  const lite = results.find((r) => r.engine === 'pglite');
  if (!pgr || !lite) return [];
  const sameRun = pgr.runId === lite.runId;
  const out = [
    '## PGlite vs PostgreSQL (same queries, same data: the `bench-typical-01` partnership is identical on both)',
    '',
    sameRun ? 'Both engines measured in the same `npm run bench` run.' : `**Not the same run**: PostgreSQL ${pgr.runId}, PGlite ${lite.runId}.`,
    '',
    // Decision 027: a PostgreSQL deployment serves from one process per core, PGlite from one.
    `The dashboard under load, the pages and the milestone updates were served by ${processesOf(pgr)} app process${processesOf(pgr) > 1 ? 'es' : ''} on PostgreSQL and ${processesOf(lite)} on PGlite, as each deployment runs (decision 027); the metrics API, search, exports and documents by one on both.`,
    '',
    row(['Query', 'API p50 PGlite ÷ PostgreSQL', 'DB p50 PGlite ÷ PostgreSQL']),
    row(['---', '---', '---']),
  ];
  for (const m of lite.metricsApi.filter((x) => x.query.shared)) {
    const p = pgr.metricsApi.find((x) => x.query.id === m.query.id);
    if (p) out.push(row([`${m.query.id}: ${m.query.label}`, (m.api.p50 / p.api.p50).toFixed(2), (m.direct.p50 / p.direct.p50).toFixed(2)]));
  }
  const d = (r: EngineResult, c: number) => r.dashboard.runs.find((x) => x.target === 'dashboard' && x.connections === c);
  if (pgr.dashboard.slug === lite.dashboard.slug) {
    for (const c of [10, 50]) {
      const a = d(lite, c);
      const b = d(pgr, c);
      if (a && b) out.push(row([`dashboard at ${c} connections, req/s`, (a.perSecond / b.perSecond).toFixed(2), '']));
    }
  }
  out.push(row(['milestone updates/s', (lite.writes.perSecond / pgr.writes.perSecond).toFixed(2), '']));
  out.push(row(['CSV export rows/s (~100k rows)', (lite.csv.small.api.rowsPerSecond / pgr.csv.small.api.rowsPerSecond).toFixed(2), (lite.csv.small.copy.rowsPerSecond / pgr.csv.small.copy.rowsPerSecond).toFixed(2)]));
  return [...out, ''];
}

function machineTable(results: EngineResult[]): string[] {
  const m = results[0]?.machine;
  if (!m) return [];
  return [
    '## Machine',
    '',
    `${m.cores} cores (${m.cpu}), ${m.memoryGb} GB memory, ${m.os}; Node ${m.node}, Next.js ${m.next}, Prisma ${m.prisma}, PGlite ${m.pglite}.`,
    ...results.map((r) => `- ${NAMES[r.engine]}: ${r.machine.database}`),
    '',
  ];
}
