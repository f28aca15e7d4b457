import type { Metadata } from 'next';
import Link from '@/components/link';
import { RetryJobButton } from '@/components/jobs/retry-job-button';
import { Badge } from '@/components/ui/badge';
import { PageNoticeProvider } from '@/components/ui/page-notice';
import { formatInstant } from '@/lib/format-time';
import { stack } from '@/lib/stacked-table';
import { StackedHead } from '@/components/ui/stacked-head';
import { requirePagePermission } from '@/server/auth/require';
import { retryJobAction } from '@/server/jobs/actions';
import { findJobOverview, type JobRow } from '@/server/jobs/admin';

export const metadata: Metadata = { title: 'Background jobs' };

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** Administrators: what runs in the background, what failed for good (and can be retried), what is being retried. */
export default async function JobsPage() {
  await requirePagePermission('jobs.manage');
  const { counts, dead, retrying, recurring } = await findJobOverview();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Background jobs</h1>
        <p className="mt-1 max-w-3xl text-sm muted">
          Work Accord does without anyone waiting: clean-ups now, digests, scheduled exports and webhooks as they arrive. A job that fails
          is tried again after a growing pause; after its last attempt it stops here, with its error, until you retry it.
        </p>
        <p className="mt-3 text-sm" data-testid="job-counts">
          {plural(counts.queued, 'job')} waiting · {plural(counts.running, 'job')} running · {plural(counts.doneLastDay, 'job')} done in the last 24 hours ·{' '}
          {counts.dead ? <strong className="text-rose-700 dark:text-rose-300">{plural(counts.dead, 'failed job')}</strong> : 'no failed jobs'}
        </p>
      </div>
      <PageNoticeProvider>
        <section aria-labelledby="dead-heading" className="space-y-3">
          <h2 id="dead-heading" className="text-lg font-semibold">Failed for good</h2>
          {dead.length === 0 ? (
            <p className="rounded-xl border border-dashed border-slate-300 px-4 py-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
              No failed jobs. A job that fails all its attempts is listed here with its last error, to retry once the cause is fixed.
            </p>
          ) : (
            <JobTable rows={dead} caption="Jobs that failed all their attempts" when="Gave up" retry />
          )}
          {counts.dead > dead.length ? <p className="text-xs muted">The latest {dead.length} of {counts.dead} are listed.</p> : null}
        </section>
      </PageNoticeProvider>
      <section aria-labelledby="retrying-heading" className="space-y-3">
        <h2 id="retrying-heading" className="text-lg font-semibold">Being retried</h2>
        {retrying.length === 0 ? (
          <p className="text-sm muted">Nothing is waiting for another attempt.</p>
        ) : (
          <JobTable rows={retrying} caption="Jobs that failed and will be tried again" when="Next attempt" />
        )}
      </section>
      <section aria-labelledby="recurring-heading" className="space-y-3">
        <h2 id="recurring-heading" className="text-lg font-semibold">Recurring</h2>
        {recurring.length === 0 ? (
          <p className="text-sm muted">The recurring jobs are set up when the job runner first starts.</p>
        ) : (
          <ul className="divide-y divide-slate-100 card text-sm dark:divide-slate-800">
            {recurring.map((s) => (
              <li key={s.kind} className="flex flex-wrap justify-between gap-x-6 gap-y-1 px-4 py-3">
                <span className="font-medium">{s.label}</span>
                <span className="muted">
                  Next {formatInstant(s.nextRunAt)} · {s.lastRunAt ? `last ${formatInstant(s.lastRunAt)}` : 'not run yet'}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p className="text-sm muted">
        Retries are recorded in the <Link className="underline" href="/audit?entityType=Job">audit trail</Link>. The mails these jobs write are in the{' '}
        <Link className="underline" href="/outbox">outbox</Link>.
      </p>
    </div>
  );
}

function JobTable({ rows, caption, when, retry = false }: { rows: JobRow[]; caption: string; when: string; retry?: boolean }) {
  return (
    <div className={stack.frame}>
      <table className={stack.table}>
        <caption className="sr-only">{caption}</caption>
        <StackedHead columns={['Job', 'Attempts', 'Last error', when]} actions={retry} />
        <tbody className={stack.body}>
          {rows.map((j) => (
            <tr key={j.id} data-job={j.id} className={stack.row}>
              <th scope="row" className={`${stack.cell} font-medium`}>
                {j.label}
                {retry ? <> <Badge tone="danger">Failed</Badge></> : null}
              </th>
              <td className={`${stack.cell} tabular-nums`}><span className={stack.label}>Attempts: </span>{j.attempts} of {j.maxAttempts}</td>
              <td className={`${stack.cell} max-w-xl`}>
                <span className={stack.label}>Last error: </span>
                <ErrorText text={j.lastError} />
              </td>
              <td className={`${stack.cell} sm:whitespace-nowrap`}><span className={stack.label}>{when}: </span>{formatInstant(j.at)}</td>
              {retry ? (
                <td className={stack.cell}>
                  <RetryJobButton jobId={j.id} label={j.label} action={retryJobAction} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const SHORT_ERROR = 240;

/** An error as the runner recorded it (up to 2,000 characters): the start, and the rest on request. */
function ErrorText({ text }: { text: string | null }) {
  if (!text) return <span>—</span>;
  if (text.length <= SHORT_ERROR) return <span className="[overflow-wrap:anywhere]"><bdi>{text}</bdi></span>;
  return (
    <details className="[overflow-wrap:anywhere]">
      <summary className="cursor-pointer"><bdi>{text.slice(0, SHORT_ERROR)}</bdi>… <span className="text-brand-600 underline dark:text-brand-300">show all {text.length.toLocaleString('en-US')} characters</span></summary>
      <p className="mt-1"><bdi>{text.slice(SHORT_ERROR)}</bdi></p>
    </details>
  );
}
