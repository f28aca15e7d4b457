import type { Metadata } from 'next';
import Link from '@/components/link';
import { OutboxList } from '@/components/mail/outbox-list';
import { requirePagePermission } from '@/server/auth/require';
import { describeSmtp, mailConfig } from '@/server/mail/config';
import { findOutbox } from '@/server/subscriptions/queries';

export const metadata: Metadata = { title: 'Outbox' };

/** Administrators: every mail Accord wrote, sent or kept (with no mail server configured, this is where mail is read). */
export default async function OutboxPage() {
  await requirePagePermission('outbox.read');
  const mails = await findOutbox({}, 100);
  const { smtpUrl } = mailConfig();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Outbox</h1>
        <p className="mt-1 max-w-3xl text-sm muted">
          Every mail Accord wrote: digests and scheduled exports, newest first. Mail goes through {describeSmtp(smtpUrl)}.
          {smtpUrl ? ' A mail the server refused is retried, then marked “Not sent” with its answer.' : ' Set ACCORD_SMTP_URL to send it.'} People manage their own mail on the <Link className="underline" href="/settings/mail">mail page</Link>.
        </p>
      </div>
      <OutboxList mails={mails} empty="No mail yet. Digests and scheduled exports appear here when they are written." showTo />
      {mails.length === 100 ? <p className="text-xs muted">The latest 100 mails are listed.</p> : null}
    </div>
  );
}
