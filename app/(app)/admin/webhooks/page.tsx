import type { Metadata } from 'next';
import Link from '@/components/link';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageNoticeProvider } from '@/components/ui/page-notice';
import { RegisterWebhookForm } from '@/components/webhooks/register-webhook-form';
import { DeleteWebhookButton, ToggleWebhookButton } from '@/components/webhooks/webhook-buttons';
import { DeliveryStateBadge } from '@/components/webhooks/delivery-state';
import { formatInstant } from '@/lib/format-time';
import { stack } from '@/lib/stacked-table';
import { StackedHead } from '@/components/ui/stacked-head';
import { WEBHOOK_EVENT_LABELS } from '@/lib/webhook-events';
import { requirePagePermission } from '@/server/auth/require';
import { createWebhookAction, deleteWebhookAction, updateWebhookAction } from '@/server/webhooks/actions';
import { findWebhooks } from '@/server/webhooks/queries';

export const metadata: Metadata = { title: 'Webhooks' };

/** Administrators: the endpoints other systems registered to hear of changes, and a form to add one. */
export default async function WebhooksPage() {
  await requirePagePermission('webhooks.manage');
  const webhooks = await findWebhooks();
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
        <p className="mt-1 max-w-3xl text-sm muted">
          Other systems hear of changes without asking: each change to the events an endpoint chose is sent to it as a signed JSON POST,
          in order for each thing, retried for a day when it fails. An endpoint that nothing reaches for a day is disabled and administrators
          are told. How a receiver checks the signature is in the API guide (<code className="rounded bg-slate-100 px-1 dark:bg-slate-800">docs/api.md</code>,
          “Webhooks”).
        </p>
      </div>
      <PageNoticeProvider>
        <section aria-labelledby="webhooks-heading" className="space-y-3">
          <h2 id="webhooks-heading" className="text-lg font-semibold">Endpoints</h2>
          {webhooks.length === 0 ? (
            <EmptyState title="No webhooks yet">Register one below with the address of a receiver and the events it should hear of.</EmptyState>
          ) : (
            <div className={stack.frame}>
              <table className={stack.table}>
                <caption className="sr-only">Registered webhooks</caption>
                <StackedHead columns={['Receiver', 'Events', 'State', 'Last delivery']} actions />
                <tbody className={stack.body}>
                  {webhooks.map((w) => (
                    <tr key={w.id} className={stack.row} data-webhook={w.host}>
                      <th scope="row" className={`${stack.cell} max-w-md font-medium`}>
                        <Link href={`/admin/webhooks/${w.id}`} className="font-mono text-sm underline [overflow-wrap:anywhere]"><bdi>{w.url}</bdi></Link>
                        {w.description ? <span className="block text-xs font-normal muted [overflow-wrap:anywhere]"><bdi>{w.description}</bdi></span> : null}
                      </th>
                      <td className={stack.cell}><span className={stack.label}>Events: </span>{w.events.map((e) => WEBHOOK_EVENT_LABELS[e].label).join(', ')}</td>
                      <td className={`${stack.cell} max-w-xs`}>
                        <span className={stack.label}>State: </span>
                        {w.active ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Disabled</Badge>}
                        {w.allowPrivate ? <> <Badge tone="neutral">Private address allowed</Badge></> : null}
                        {!w.active && w.disabledReason ? <span className="mt-1 block text-xs muted [overflow-wrap:anywhere]">{w.disabledReason}</span> : null}
                        {w.pending ? <span className="mt-1 block text-xs muted">{w.pending.toLocaleString('en-US')} waiting to be sent</span> : null}
                      </td>
                      <td className={`${stack.cell} sm:whitespace-nowrap`}>
                        <span className={stack.label}>Last delivery: </span>
                        {w.lastDelivery ? (
                          <>
                            <DeliveryStateBadge state={w.lastDelivery.state} status={w.lastDelivery.status} />
                            <span className="block text-xs muted">{formatInstant(w.lastDelivery.at)}</span>
                          </>
                        ) : 'None yet'}
                      </td>
                      <td className={stack.cell}>
                        <div className="flex flex-wrap gap-2 sm:justify-end">
                          <ToggleWebhookButton action={updateWebhookAction} id={w.id} version={w.version} active={w.active} host={w.host} />
                          <DeleteWebhookButton action={deleteWebhookAction} id={w.id} host={w.host} />
                        </div>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      </PageNoticeProvider>
      <RegisterWebhookForm action={createWebhookAction} />
      <p className="text-sm muted">
        Changes to webhooks are recorded in the <Link className="underline" href="/audit?entityType=WebhookEndpoint">audit trail</Link>.
      </p>
    </div>
  );
}
