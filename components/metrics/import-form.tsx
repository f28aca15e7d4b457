'use client';

import type { Route } from 'next';
import Link from '@/components/link';
import { useRef, useState } from 'react';
import { IMPORT_KINDS, IMPORT_LIMITS, type ImportChange, type ImportKind, type ImportProblem, type ImportProgress, type ImportReport } from '@/lib/metrics-import';

type Result = ImportReport & { message: string };
type Stage =
  | { kind: 'idle' }
  | { kind: 'working'; dryRun: boolean; label: string; percent: number | null }
  | { kind: 'previewed'; report: Result }
  | { kind: 'imported'; report: Result }
  | { kind: 'failed'; message: string };

const PHASES: Record<ImportProgress['phase'], string> = { checking: 'Checking every row', comparing: 'Comparing with saved values', writing: 'Writing' };
const SHOWN_PROBLEMS = 200;
const SHOWN_CHANGES = 20;
const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 4 });
const formatValue = (text: string) => (Number.isFinite(Number(text)) ? numberFormat.format(Number(text)) : text);

/** Streams the file to the import API and reads its progress lines (application/x-ndjson). */
function send(slug: string, kind: ImportKind, file: File, dryRun: boolean, onProgress: (label: string, percent: number | null) => void): Promise<Result> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    const url = `/api/v1/partnerships/${encodeURIComponent(slug)}/${IMPORT_KINDS[kind].path}?dry_run=${dryRun ? 1 : 0}&file_name=${encodeURIComponent(file.name.slice(0, 200))}`;
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'text/csv');
    xhr.setRequestHeader('Accept', 'application/x-ndjson');
    let read = 0;
    let result: Result | null = null;
    let failure: string | null = null;
    const consume = () => {
      const text = xhr.responseText;
      const end = text.lastIndexOf('\n');
      if (end < read) return;
      for (const line of text.slice(read, end).split('\n').filter(Boolean)) {
        const message = JSON.parse(line) as { type: string } & Record<string, unknown>;
        if (message.type === 'progress') {
          const p = message as unknown as ImportProgress;
          onProgress(PHASES[p.phase], p.total ? Math.round((p.done / p.total) * 100) : null);
        } else if (message.type === 'result') result = message as unknown as Result;
        else failure = String(message.error ?? 'The import failed.');
      }
      read = end + 1;
    };
    xhr.upload.onprogress = (e) => onProgress('Uploading', e.lengthComputable ? Math.round((e.loaded / e.total) * 100) : null);
    xhr.onprogress = consume;
    xhr.onload = () => {
      if (xhr.getResponseHeader('content-type')?.includes('application/json')) {
        const body = JSON.parse(xhr.responseText || '{}') as { error?: string };
        reject(new Error(body.error ?? `The server answered ${xhr.status}.`));
        return;
      }
      consume();
      if (result) resolve(result);
      else reject(new Error(failure ?? 'The server closed the connection before it finished. Nothing was imported; try again.'));
    };
    xhr.onerror = () => reject(new Error('The upload failed (network). Nothing was imported; try again.'));
    xhr.send(file);
  });
}

function downloadText(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  URL.revokeObjectURL(url);
}

const problemsCsv = (problems: ImportProblem[]) =>
  ['line,column,reason', ...problems.map((p) => `${p.line},${p.column},"${p.reason.replace(/"/g, '""')}"`)].join('\n') + '\n';

/** The import page of either kind: daily metric values, or monthly targets. */
export function ImportForm({ slug, partnershipName, kind = 'metrics' }: { slug: string; partnershipName: string; kind?: ImportKind }) {
  const { columns, template } = IMPORT_KINDS[kind];
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [stage, setStage] = useState<Stage>({ kind: 'idle' });

  const run = async (dryRun: boolean) => {
    if (!file) return;
    if (file.size > IMPORT_LIMITS.maxBytes) {
      setStage({ kind: 'failed', message: `The file is larger than ${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB; split it into smaller files.` });
      return;
    }
    setStage({ kind: 'working', dryRun, label: 'Uploading', percent: 0 });
    try {
      const report = await send(slug, kind, file, dryRun, (label, percent) => setStage({ kind: 'working', dryRun, label, percent }));
      setStage(report.committed ? { kind: 'imported', report } : { kind: 'previewed', report });
    } catch (error) {
      setStage({ kind: 'failed', message: (error as Error).message });
    }
  };

  const working = stage.kind === 'working';
  return (
    <div className="space-y-5">
      <div className="card p-5">
        <p className="text-sm ink">
          A CSV with the columns <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">{columns.join(',')}</code>,{' '}
          {kind === 'targets'
            ? 'one row per region, metric and month (YYYY-MM); each monthly figure is spread over the days of the month. Months already planned are replaced'
            : 'one row per region, metric and day (the region\u2019s own calendar day, written YYYY-MM-DD). Rows already saved are updated'}
          ; the same file imported twice changes nothing.{kind === 'metrics' ? ' A day export from the explorer imports as it is (its # lines are skipped; the partnership column may be left out).' : ''}{' '}
          <button type="button" className="underline" onClick={() => downloadText(`accord-${kind}-template.csv`, template.replace('apple-pay-alipay', slug))}>Download a template</button>.
        </p>
        <div className="mt-4 flex flex-wrap items-center gap-3">
          <label className="text-sm font-medium" htmlFor="import-file">CSV file</label>
          <input id="import-file" ref={input} type="file" accept=".csv,text/csv" disabled={working}
            onChange={(e) => { setFile(e.target.files?.[0] ?? null); setStage({ kind: 'idle' }); }}
            className="text-sm file:mr-3 file:rounded-md file:border file:border-slate-300 file:bg-white file:px-3 file:py-1.5 file:text-sm file:font-medium dark:file:border-slate-700 dark:file:bg-slate-900" />
          <button type="button" disabled={!file || working} onClick={() => run(true)}
            className="rounded-md bg-brand-600 px-4 py-1.5 text-sm font-semibold text-white hover:bg-brand-700 disabled:cursor-not-allowed disabled:opacity-50">
            Check file
          </button>
        </div>
        {file ? <p className="mt-2 text-xs muted">{file.name} · {(file.size / 1024).toLocaleString('en-US', { maximumFractionDigits: 1 })} KB</p> : null}
      </div>

      {stage.kind === 'working' ? (
        <div role="status" aria-live="polite" className="card p-5">
          <p className="text-sm font-medium">{stage.dryRun ? 'Checking' : 'Importing'} {file?.name}: {stage.label}{stage.percent !== null ? ` (${stage.percent}%)` : '…'}</p>
          <progress className="mt-2 h-2 w-full accent-brand-600" max={100} value={stage.percent ?? undefined} aria-label="Progress" />
        </div>
      ) : null}

      {stage.kind === 'failed' ? (
        <p role="alert" className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-800 dark:border-rose-800 dark:bg-rose-950 dark:text-rose-200">{stage.message}</p>
      ) : null}

      {stage.kind === 'previewed' ? <Preview report={stage.report} onImport={() => run(false)} partnershipName={partnershipName} noun={kind === 'targets' ? 'months of targets' : 'rows'} /> : null}

      {stage.kind === 'imported' ? (
        <div role="status" className="rounded-xl border border-emerald-300 bg-emerald-50 p-5 text-sm text-emerald-900 dark:border-emerald-800 dark:bg-emerald-950 dark:text-emerald-100">
          <p className="font-semibold" data-testid="import-result">{stage.report.message}</p>
          <p className="mt-1">The audit trail records this import with its counts. {kind === 'targets'
            ? <Link className="underline" href={`/partnerships/${slug}/targets` as Route}>Open the targets</Link>
            : <Link className="underline" href={`/partnerships/${slug}/metrics`}>Open the explorer</Link>}.</p>
        </div>
      ) : null}
    </div>
  );
}

function Preview({ report, onImport, partnershipName, noun }: { report: Result; onImport: () => void; partnershipName: string; noun: string }) {
  if (report.problemCount > 0) {
    return (
      <div className="rounded-xl border border-rose-300 bg-white p-5 dark:border-rose-800 dark:bg-slate-900">
        <h2 className="text-base font-semibold text-rose-800 dark:text-rose-200" data-testid="import-problems-title">
          {report.problemCount.toLocaleString('en-US')} problem{report.problemCount === 1 ? '' : 's'} in {report.fileName}: nothing was imported
        </h2>
        <p className="mt-1 text-sm ink">Fix them in the file and check it again. Lines count from the header (line 1).</p>
        <table className="mt-3 w-full text-sm" data-testid="import-problems">
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:text-slate-400">
              <th scope="col" className="py-1.5 pr-4">Line</th><th scope="col" className="py-1.5 pr-4">Column</th><th scope="col" className="py-1.5">Problem</th>
            </tr>
          </thead>
          <tbody>
            {report.problems.slice(0, SHOWN_PROBLEMS).map((p, i) => (
              <tr key={i} className="border-b border-slate-100 last:border-0 dark:border-slate-800">
                <td className="py-1.5 pr-4 tabular-nums">{p.line}</td><td className="py-1.5 pr-4">{p.column || '—'}</td><td className="py-1.5">{p.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {report.problemCount > SHOWN_PROBLEMS ? (
          <p className="mt-2 text-sm">
            Showing {SHOWN_PROBLEMS} of {report.problemCount.toLocaleString('en-US')}.{' '}
            <button type="button" className="underline" onClick={() => downloadText('import-problems.csv', problemsCsv(report.problems))}>
              Download {report.problems.length < report.problemCount ? `the first ${report.problems.length.toLocaleString('en-US')}` : 'all'} as CSV
            </button>
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <div className="card p-5">
      <h2 className="text-base font-semibold" data-testid="import-preview">{report.fileName}: {report.rows.toLocaleString('en-US')} rows, no problems</h2>
      {report.inserted === 0 && report.updated === 0 ? (
        <p className="mt-1 text-sm ink" data-testid="import-all-unchanged">
          Every row is unchanged: importing this file would change nothing.
        </p>
      ) : null}
      <dl className="mt-3 grid max-w-md grid-cols-3 gap-3 text-center">
        {([['New', report.inserted], ['Changed', report.updated], ['Unchanged', report.unchanged]] as const).map(([label, n]) => (
          <div key={label} className="rounded-lg border border-slate-200 p-2 dark:border-slate-800">
            <dt className="text-xs muted">{label}</dt>
            <dd className="text-lg font-semibold tabular-nums">{n.toLocaleString('en-US')}</dd>
          </div>
        ))}
      </dl>
      {report.changes?.length ? <ChangedRows changes={report.changes} total={report.updated} /> : null}
      <button type="button" onClick={onImport} className="mt-4 rounded-md bg-brand-600 px-4 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
        Import {report.rows.toLocaleString('en-US')} {noun} into {partnershipName}
      </button>
      <p className="mt-2 text-xs muted">All rows are written together, or none are.</p>
    </div>
  );
}

/** The saved values the import would change, old -> new, the first ones in file order. */
function ChangedRows({ changes, total }: { changes: ImportChange[]; total: number }) {
  const shown = changes.slice(0, SHOWN_CHANGES);
  return (
    <div className="mt-4">
      <h3 className="text-sm font-semibold">Values this import would change</h3>
      <div className="mt-1 overflow-x-auto">
        <table className="w-full text-sm" data-testid="import-changes">
          <caption className="sr-only">Changed rows: region, metric, date, saved value and the value in the file</caption>
          <thead>
            <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600 dark:border-slate-800 dark:text-slate-400">
              <th scope="col" className="py-1.5 pr-3">Region, metric and date</th>
              <th scope="col" className="py-1.5 pr-3 text-right">Saved</th><th scope="col" className="py-1.5 text-right">In the file</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={`${c.region}|${c.metric}|${c.date}`} className="border-b border-slate-100 last:border-0 dark:border-slate-800" data-change={`${c.region},${c.metric},${c.date},${c.old},${c.new}`}>
                <td className="py-1.5 pr-3">
                  <span className="font-medium">{c.region}</span> {c.metric}{' '}
                  <time dateTime={c.date} className="whitespace-nowrap tabular-nums muted">{c.date}</time>
                </td>
                <td className="py-1.5 pr-3 text-right tabular-nums"><del className="text-slate-600 no-underline dark:text-slate-400">{formatValue(c.old)}</del></td>
                <td className="whitespace-nowrap py-1.5 text-right font-semibold tabular-nums"><span aria-hidden>→ </span><ins className="no-underline">{formatValue(c.new)}</ins></td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {total > shown.length ? (
        <p className="mt-1 text-sm ink" data-testid="import-changes-more">
          and {(total - shown.length).toLocaleString('en-US')} more changed row{total - shown.length === 1 ? '' : 's'}
        </p>
      ) : null}
    </div>
  );
}
