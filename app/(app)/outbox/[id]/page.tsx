import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import Link from '@/components/link';
import { formatInstant } from '@/lib/format-time';
import { actorCan } from '@/server/auth/guard';
import { requirePagePermission } from '@/server/auth/require';
import { findOutboxMail } from '@/server/subscriptions/queries';

export const metadata: Metadata = { title: 'Mail' };

type Props = { params: Promise<{ id: string }> };

const STATES: Record<string, string> = { QUEUED: 'Waiting to be sent', SENT: 'Sent', FAILED: 'Not sent', KEPT: 'Kept in the outbox (no mail server configured)' };

/** One mail as written: its owner or an administrator reads it; anyone else gets "not found". */
export default async function OutboxMailPage({ params }: Props) {
  const actor = await requirePagePermission('subscriptions.manage');
  const { id } = await params;
  const mail = await findOutboxMail(id.slice(0, 64), { userId: actor.userId, all: actorCan(actor, 'outbox.read') });
  if (!mail) notFound();
  const back = actorCan(actor, 'outbox.read') ? { href: '/outbox' as const, label: 'Outbox' } : { href: '/settings/mail' as const, label: 'Mail' };
  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm muted"><Link className="underline-offset-2 hover:underline" href={back.href}>{back.label}</Link></nav>
      <h1 className="text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]"><bdi>{mail.subject}</bdi></h1>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 card p-4 text-sm sm:grid-cols-3">
        <div><dt className="text-xs font-medium uppercase tracking-wide muted">To</dt><dd><bdi>{mail.toAddress}</bdi></dd></div>
        <div><dt className="text-xs font-medium uppercase tracking-wide muted">Written</dt><dd>{formatInstant(mail.createdAt.toISOString())}</dd></div>
        <div><dt className="text-xs font-medium uppercase tracking-wide muted">State</dt><dd>{STATES[mail.state] ?? mail.state}{mail.sentAt ? `, ${formatInstant(mail.sentAt.toISOString())}` : ''}</dd></div>
        {mail.error ? <div className="sm:col-span-3"><dt className="text-xs font-medium uppercase tracking-wide muted">Last answer from the mail server</dt><dd className="[overflow-wrap:anywhere]">{mail.error}</dd></div> : null}
        {mail.attachments.length ? (
          <div className="sm:col-span-3"><dt className="text-xs font-medium uppercase tracking-wide muted">Attached</dt>
            <dd>{mail.attachments.map((a) => `${a.fileName} (${Math.max(1, Math.round(a.sizeBytes / 1024)).toLocaleString('en-US')} KB)`).join(', ')}</dd></div>
        ) : null}
      </dl>
      <section aria-label="The mail’s text" className="card p-4">
        <pre data-testid="mail-text" className="whitespace-pre-wrap break-words font-sans text-sm [overflow-wrap:anywhere]">{mail.text}</pre>
      </section>
    </div>
  );
}
