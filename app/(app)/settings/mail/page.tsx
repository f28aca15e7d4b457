import type { Metadata, Route } from 'next';
import Link from '@/components/link';
import { SubscriptionButtons } from '@/components/mail/subscription-buttons';
import { SubscriptionForm } from '@/components/mail/subscription-form';
import { OutboxList } from '@/components/mail/outbox-list';
import { EmptyState } from '@/components/ui/empty-state';
import { formatInstant } from '@/lib/format-time';
import { actorCan } from '@/server/auth/guard';
import { requirePagePermission } from '@/server/auth/require';
import { describeSmtp, mailConfig } from '@/server/mail/config';
import { createSubscriptionAction, deleteSubscriptionAction, sendSubscriptionNowAction } from '@/server/subscriptions/actions';
import { findDealChoices, findExportableViews, findOutbox, findSubscriptions } from '@/server/subscriptions/queries';

export const metadata: Metadata = { title: 'Mail' };

const ZONES = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : ['UTC'];

/** A person's digests and scheduled exports by mail, and the mails Accord wrote them (issue 16). */
export default async function MailPage() {
  const actor = await requirePagePermission('subscriptions.manage');
  const userId = actor.userId ?? '';
  const canExport = actorCan(actor, 'metrics.export');
  const [subscriptions, deals, views, mails] = await Promise.all([
    findSubscriptions(userId), findDealChoices(), canExport ? findExportableViews(userId) : Promise.resolve([]), findOutbox({ userId }, 20),
  ]);
  const { smtpUrl } = mailConfig();
  const active = subscriptions.filter((s) => !s.unsubscribed);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Mail</h1>
        <p className="mt-1 max-w-3xl text-sm muted">
          A digest of your deals in your mail before the meeting{canExport ? ', or a saved explorer view as a file every week or month' : ''}, at a local time in your own time zone.
          Each mail has a link to stop it in one click. {smtpUrl ? null : 'This Accord has no mail server configured, so mails are kept below instead of sent.'}
        </p>
      </div>
      <SubscriptionForm action={createSubscriptionAction} deals={deals} views={views} canExport={canExport} zones={ZONES} />
      <section aria-labelledby="subscriptions-heading" className="space-y-3">
        <h2 id="subscriptions-heading" className="text-lg font-semibold">Your subscriptions</h2>
        {active.length === 0 ? (
          <EmptyState title="No subscriptions yet">Subscribe above: the first mail comes at the next time you chose.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 card dark:divide-slate-800">
            {active.map((s) => {
              const label = s.kind === 'digest' ? `Digest of ${s.partnership?.name ?? 'the deals you own or watch'}` : `Export of “${s.savedView?.name ?? 'a saved view'}” (${s.format.toUpperCase()})`;
              return (
                <li key={s.id} className="flex flex-col gap-2 px-4 py-3 sm:flex-row sm:items-start sm:justify-between" data-subscription={s.kind}>
                  <div className="min-w-0 text-sm">
                    <p className="font-medium [overflow-wrap:anywhere]"><bdi>{label}</bdi></p>
                    <p className="muted">{s.schedule} · next {formatInstant(s.nextRunAt)}{s.lastSentAt ? ` · last ${formatInstant(s.lastSentAt)}` : ''}</p>
                  </div>
                  <SubscriptionButtons id={s.id} label={label} sendNow={sendSubscriptionNowAction} remove={deleteSubscriptionAction} />
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section aria-labelledby="mails-heading" className="space-y-3">
        <h2 id="mails-heading" className="text-lg font-semibold">Mails to you</h2>
        <p className="text-xs muted">Sent through {describeSmtp(smtpUrl)}.{actorCan(actor, 'outbox.read') ? <> Everyone’s mail is in the <Link className="underline" href={'/outbox' as Route}>outbox</Link>.</> : null}</p>
        <OutboxList mails={mails} empty="No mail yet." showTo={false} />
      </section>
    </div>
  );
}
