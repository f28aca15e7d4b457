import Link from '@/components/link';
import { Badge, type Tone } from '@/components/ui/badge';
import type { OutboxRow } from '@/server/subscriptions/queries';

const STATE: Record<string, { label: string; tone: Tone }> = {
  QUEUED: { label: 'Waiting', tone: 'info' }, SENT: { label: 'Sent', tone: 'success' }, FAILED: { label: 'Not sent', tone: 'danger' }, KEPT: { label: 'Kept (no mail server)', tone: 'neutral' },
};

/** Mails in the outbox, newest first, each opening to read it as written. */
export function OutboxList({ mails, empty, showTo }: { mails: OutboxRow[]; empty: string; showTo: boolean }) {
  if (!mails.length) return <p className="rounded-xl border border-dashed border-slate-300 px-4 py-6 text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">{empty}</p>;
  return (
    <ul aria-label="Mails" className="divide-y divide-slate-100 card text-sm dark:divide-slate-800">
      {mails.map((m) => (
        <li key={m.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-center sm:justify-between" data-mail={m.subject}>
          <div className="min-w-0">
            <Link href={`/outbox/${m.id}` as never} className="font-medium underline-offset-2 [overflow-wrap:anywhere] hover:underline"><bdi>{m.subject}</bdi></Link>
            <p className="text-xs muted">
              {showTo ? <>To <bdi>{m.to}</bdi> · </> : null}<time dateTime={m.createdAt}>{m.when}</time>{m.attachments ? ` · ${m.attachments} attachment${m.attachments === 1 ? '' : 's'}` : ''}
              {m.error ? <span className="text-rose-700 dark:text-rose-300"> · {m.error}</span> : null}
            </p>
          </div>
          <Badge tone={STATE[m.state]?.tone ?? 'neutral'}>{STATE[m.state]?.label ?? m.state}</Badge>
        </li>
      ))}
    </ul>
  );
}
