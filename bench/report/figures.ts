import type { EngineResult } from './results';

/** One figure with a goal (issue 7): what was measured, the goal beside it, and whether it is met. */
export type Figure = { id: string; label: string; value: number | null; unit: string; goal: string; pass: boolean | null };

const round2 = (x: number) => Math.round(x * 100) / 100;
const fig = (id: string, label: string, value: number | null, unit: string, goal: string, pass: boolean | null): Figure => ({ id, label, value, unit, goal, pass });

export function goalFigures(r: Omit<EngineResult, 'figures' | 'previous'>): Figure[] {
  const out: Figure[] = [];
  for (const m of r.metricsApi) {
    out.push(fig(`metrics.${m.query.id}.ratioP50`, `Metrics API ÷ database, p50: ${m.query.id} ${m.query.label}`, m.ratioP50, '×', '≤ 1.3', m.ratioP50 <= 1.3 && m.sameAnswer));
  }
  const { small, large } = r.csv;
  out.push(fig('csv.large.ratio', 'CSV export ÷ COPY, rows/s: every row of the flagship (1M+ on PostgreSQL)', large.ratio, '×', '≥ 0.5', large.ratio >= 0.5));
  out.push(fig('csv.small.ratio', 'CSV export ÷ COPY, rows/s: ~100k rows', small.ratio, '×', '≥ 0.5', small.ratio >= 0.5));
  const memoryRatio = Math.round((large.memory.peakMb / small.memory.peakMb) * 100) / 100;
  out.push(fig('csv.memory.ratio', 'App peak memory: all-rows export ÷ ~100k-row export', memoryRatio, '×', '≤ 1.2', memoryRatio <= 1.2));
  for (const format of ['xlsx', 'json'] as const) {
    const [s, l] = ['~100k rows', 'every row'].map((label) => r.fileExports?.find((f) => f.format === format && f.label === label));
    if (!s || !l) continue;
    const ratio = Math.round((l.peakMb / s.peakMb) * 100) / 100;
    out.push(fig(`${format}.memory.ratio`, `App peak memory, ${format.toUpperCase()}: all-rows export (${l.rows.toLocaleString('en-US')}) ÷ ~100k-row export`, ratio, '×', '≤ 1.2', ratio <= 1.2));
  }
  if (r.documents) {
    const d = r.documents;
    out.push(fig('documents.upload.toCopy', 'Document upload, 25 MB: MB/s ÷ copying the file on disk', d.uploadToCopy, '×', '≥ 0.5', d.uploadToCopy >= 0.5));
    out.push(fig('documents.download.toCopy', 'Document download, 25 MB: MB/s ÷ copying the file on disk', d.downloadToCopy, '×', '≥ 0.5', d.downloadToCopy >= 0.5));
    if (d.httpFloor) {
      // Context, no goal: the same transfer through a plain node:http server (bench/measure/documents.ts).
      out.push(fig('documents.httpFloor.upload.toCopy', 'Context: plain node:http upload (hash and drop), 25 MB: MB/s ÷ copying the file on disk', d.httpFloor.uploadToCopy, '×', '–', null));
      out.push(fig('documents.httpFloor.download.toCopy', 'Context: plain node:http download (from disk), 25 MB: MB/s ÷ copying the file on disk', d.httpFloor.downloadToCopy, '×', '–', null));
      out.push(fig('documents.upload.toHttpFloor', 'Context: document upload, 25 MB: MB/s ÷ the plain node:http upload', round2(d.cases.at(-1)!.upload.mbPerSecond / d.httpFloor.upload.mbPerSecond), '×', '–', null));
      out.push(fig('documents.download.toHttpFloor', 'Context: document download, 25 MB: MB/s ÷ the plain node:http download', round2(d.cases.at(-1)!.download.mbPerSecond / d.httpFloor.download.mbPerSecond), '×', '–', null));
    }
    if (d.hash) {
      // Context, no goal: the digest every transfer computes, against the same disk copy.
      out.push(fig('documents.hash.toCopy', 'Context: SHA-256 of 25 MB in memory (every upload and download computes it): MB/s ÷ copying the file on disk', d.hash.toCopy, '×', '–', null));
    }
    out.push(fig('documents.memory.ratio', 'App peak memory: 25 MB document ÷ 1 MB document (upload and download)', d.memoryRatio, '×', '≤ 1.2', d.memoryRatio <= 1.2));
  }
  const burst = r.dashboard.firstVisitBurst;
  if (burst) out.push(fig('load.firstVisit.errors', `Errors: dashboard opened for the first time from ${burst.requests} tabs at once`, burst.errors, '', '0', burst.errors === 0));
  for (const run of r.dashboard.runs) {
    out.push(fig(`load.${run.target}.${run.connections}.errors`, `Errors: ${run.target === 'dashboard' ? 'signed-in dashboard' : '/api/health'} at ${run.connections} connections`, run.errors, '', '0', run.errors === 0));
  }
  for (const set of r.pages ?? []) {
    for (const x of set.ratios.filter((x) => x.page !== set.floor.page && x.page !== set.signedInFloor?.page)) {
      const id = `pages.${set.data}.${x.page.split(' ')[0]}${x.page.includes('explorer') ? '-explorer' : ''}`;
      out.push(fig(`${id}.toFloor`, `Pages, ${set.data} data: ${x.page}, req/s at 10 connections ÷ the sign-in page's`, x.toFloor, '×', '≥ 0.5', x.toFloor >= 0.5));
      if (x.toSignedInFloor !== undefined) {
        out.push(fig(`${id}.toSignedInFloor`, `Pages, ${set.data} data: ${x.page}, req/s at 10 connections ÷ the signed-in floor's (session check + shell)`, x.toSignedInFloor, '×', '≥ 0.5', x.toSignedInFloor >= 0.5));
      }
      out.push(fig(`${id}.tenToOne`, `Pages, ${set.data} data: ${x.page}, req/s at 10 connections ÷ at 1`, x.tenToOne, '×', '≥ 1', x.tenToOne >= 1));
      out.push(fig(`${id}.p95`, `Pages, ${set.data} data: ${x.page}, p95 ÷ p50 at 10 connections`, x.p95ToP50, '×', '≤ 3', x.p95ToP50 <= 3));
    }
    for (const run of set.runs.filter((x) => x.connections === 50)) {
      out.push(fig(`pages.${set.data}.${run.page.split(' ')[0]}.50.errors`, `Pages, ${set.data} data: ${run.page} at 50 connections, errors`, run.errors, '', '0', run.errors === 0));
      out.push(fig(`pages.${set.data}.${run.page.split(' ')[0]}.50.p95`, `Pages, ${set.data} data: ${run.page} at 50 connections, p95`, run.p95, 'ms', '< 1000', run.p95 < 1000));
    }
    for (const b of set.bytes.filter((x) => x.payload)) {
      // Every page, floors included: a payload over V8's regular object size costs ms per view (payloadOf).
      out.push(fig(`pages.${set.data}.payload.${b.path}`, `Pages, ${set.data} data: ${b.page}, RSC payload as inlined, characters (two-byte counts double; V8's regular object ≤ 131,072 bytes)`,
        b.payload!.chars * (b.payload!.twoByte ? 2 : 1), '', '≤ 131072', !b.payload!.largeObject));
    }
    for (const b of set.bytes.filter((x) => /^(portfolio|dashboard)/.test(x.page) && set.runs.some((r) => r.path === x.path))) {
      const kb = Math.round(b.gzipBytes / 102.4) / 10;
      out.push(fig(`pages.${set.data}.${b.page.split(' ')[0]}.gzip`, `Pages, ${set.data} data: ${b.page}, HTML + RSC payload, gzip`, kb, 'kB', '≤ 60', kb <= 60));
    }
  }
  if (r.search) {
    const { all, queries } = r.search;
    out.push(fig('search.p95', `Search, p95 over ${queries.length} queries × ${Math.round(all.n / queries.length)} (${r.search.via === 'api' ? 'GET /api/v1/search' : 'in process'})`, all.p95, 'ms', '≤ 50', all.p95 <= 50));
  }
  const w = r.writes;
  out.push(fig('writes.5xx', `Milestone updates at ${w.connections} connections: 5xx answers`, w.serverErrors, '', '0', w.serverErrors === 0));
  out.push(fig('writes.otherErrors', 'Milestone updates: other errors (not 200 or 409)', w.otherErrors, '', '0', w.otherErrors === 0));
  out.push(fig('writes.lost', 'Milestone updates: lost updates (successes vs audit rows and version increments in SQL)', w.verification?.mismatches ?? null, '', '0', w.verification ? w.verification.mismatches === 0 : null));
  for (const f of r.frontend ?? []) {
    out.push(fig(`frontend.${f.route}.gzip`, `First-load JS, gzip: ${f.route}`, f.gzipKb, 'kB', '≤ 200', f.gzipKb <= 200));
    if (f.lighthouse) {
      out.push(fig(`frontend.${f.route}.desktop`, `Lighthouse performance, desktop: ${f.route}`, f.lighthouse.desktop.score, '', '≥ 90', f.lighthouse.desktop.score === null ? null : f.lighthouse.desktop.score >= 90));
      out.push(fig(`frontend.${f.route}.mobile`, `Lighthouse performance, mobile: ${f.route}`, f.lighthouse.mobile.score, '', '≥ 90', f.lighthouse.mobile.score === null ? null : f.lighthouse.mobile.score >= 90));
    }
  }
  return out;
}
