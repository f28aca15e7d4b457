import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { PageNoticeProvider } from '@/components/ui/page-notice';
import { DeliveryStateBadge } from '@/components/webhooks/delivery-state';
import { EditWebhookForm } from '@/components/webhooks/edit-webhook-form';
import { SecretBox } from '@/components/webhooks/secret-box';
import { RedeliverButton, RotateSecretButton, ToggleWebhookButton } from '@/components/webhooks/webhook-buttons';
import { actionLabel, entityTypeLabel } from '@/lib/audit-words';
import { formatInstant } from '@/lib/format-time';
import { stack } from '@/lib/stacked-table';
import { StackedHead } from '@/components/ui/stacked-head';
import { requirePagePermission } from '@/server/auth/require';
import { redeliverWebhookAction, rotateWebhookSecretAction, updateWebhookAction } from '@/server/webhooks/actions';
import { findDeliveries, findWebhookWithSecret, type DeliveryDto } from '@/server/webhooks/queries';
import { BackLink } from '@/components/back-link';

type Props = { params: Promise<{ id: string }> };

export const metadata: Metadata = { title: 'Webhook' };

const SHOWN = 50;

/** Administrators: one endpoint, its signing secret, its settings and its recent deliveries with every attempt. */
export default async function WebhookPage({ params }: Props) {
  await requirePagePermission('webhooks.manage');
  const webhook = await findWebhookWithSecret((await params).id);
  if (!webhook) notFound();
  const { deliveries, next } = await findDeliveries(webhook.id, { limit: SHOWN });
  return (
    <div className="space-y-8">
      <div>
        <BackLink href="/admin/webhooks">Webhooks</BackLink>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]">Webhook to <bdi>{webhook.host}</bdi></h1>
        <p className="mt-1 font-mono text-sm [overflow-wrap:anywhere]"><bdi>{webhook.url}</bdi></p>
        {webhook.description ? <p className="mt-1 text-sm muted [overflow-wrap:anywhere]"><bdi>{webhook.description}</bdi></p> : null}
        <p className="mt-2 flex flex-wrap gap-2">
          {webhook.active ? <Badge tone="success">Active</Badge> : <Badge tone="warning">Disabled</Badge>}
          {webhook.allowPrivate ? <Badge tone="neutral">Private address allowed</Badge> : null}
        </p>
        {!webhook.active && webhook.disabledReason ? (
          <p className="mt-2 max-w-3xl text-sm ink [overflow-wrap:anywhere]">
            {webhook.disabledReason}{webhook.disabledAt ? ` (${formatInstant(webhook.disabledAt)})` : ''}. Deliveries wait while it is disabled; enabling it
            sends those of the last day.
          </p>
        ) : null}
      </div>

      <PageNoticeProvider>
        <div className="flex flex-wrap gap-3">
          <ToggleWebhookButton action={updateWebhookAction} id={webhook.id} version={webhook.version} active={webhook.active} host={webhook.host} />
          <RotateSecretButton action={rotateWebhookSecretAction} id={webhook.id} host={webhook.host} />
        </div>

        <section aria-labelledby="secret-heading" className="space-y-2 card p-5">
          <h2 id="secret-heading" className="text-base font-semibold">Signing secret</h2>
          <p className="max-w-3xl text-sm muted">
            Every delivery carries <code className="rounded bg-slate-100 px-1 dark:bg-slate-800">Accord-Signature: t=&lt;seconds&gt;,v1=&lt;HMAC-SHA256&gt;</code> over
            the timestamp and the body, made with this secret. The receiver recomputes it and refuses timestamps older than five minutes.
          </p>
          <details>
            <summary className="cursor-pointer text-sm font-medium text-brand-700 underline dark:text-brand-300">Show the secret (ends {webhook.secretHint.slice(1)})</summary>
            <div className="mt-2"><SecretBox id="webhook-secret" label={`Signing secret for ${webhook.host}`} secret={webhook.secret} /></div>
          </details>
        </section>

        <section aria-labelledby="deliveries-heading" className="space-y-3">
          <h2 id="deliveries-heading" className="text-lg font-semibold">Recent deliveries</h2>
          {deliveries.length === 0 ? (
            <EmptyState title="Nothing sent yet">A change to one of its events is delivered here within seconds, with every attempt listed.</EmptyState>
          ) : (
            <DeliveryTable webhookId={webhook.id} deliveries={deliveries} canRedeliver={webhook.active} />
          )}
          {next ? <p className="text-xs muted">The latest {SHOWN} are listed; GET /api/v1/webhooks/…/deliveries pages through the rest (kept 30 days).</p> : null}
        </section>
      </PageNoticeProvider>

      <section className="card p-5">
        <EditWebhookForm action={updateWebhookAction} webhook={webhook} />
      </section>
    </div>
  );
}

function DeliveryTable({ webhookId, deliveries, canRedeliver }: { webhookId: string; deliveries: DeliveryDto[]; canRedeliver: boolean }) {
  return (
    <div className={stack.frame}>
      <table className={stack.table}>
        <caption className="sr-only">Recent deliveries, newest first</caption>
        <StackedHead columns={['Change', 'State', 'Attempts', 'Last error', 'Made']} actions={canRedeliver} />
        <tbody className={stack.body}>
          {deliveries.map((d) => {
            const what = `${actionLabel(d.event)}${d.partnership ? ` on ${d.partnership.name}` : ''}`;
            return (
              <tr key={d.id} className={stack.row}>
                <th scope="row" className={`${stack.cell} max-w-sm font-medium`}>
                  <bdi>{actionLabel(d.event)}</bdi>
                  <span className="block text-xs font-normal muted [overflow-wrap:anywhere]">
                    {entityTypeLabel(d.entity.type)}{d.partnership ? <> · <bdi>{d.partnership.name}</bdi></> : null} · <code>{d.event}</code>
                  </span>
                </th>
                <td className={stack.cell}>
                  <span className={stack.label}>State: </span>
                  <DeliveryStateBadge state={d.state} status={d.lastStatus} />
                  {d.nextAttemptAt ? <span className="block text-xs muted">Next try {formatInstant(d.nextAttemptAt)}</span> : null}
                </td>
                <td className={`${stack.cell} tabular-nums`}>
                  <span className={stack.label}>Attempts: </span>
                  <AttemptLog delivery={d} />
                </td>
                <td className={`${stack.cell} max-w-xs`}>
                  <span className={stack.label}>Last error: </span>
                  <span className="[overflow-wrap:anywhere]"><bdi>{d.lastError ?? '—'}</bdi></span>
                </td>
                <td className={`${stack.cell} sm:whitespace-nowrap`}><span className={stack.label}>Made: </span>{formatInstant(d.createdAt)}</td>
                {canRedeliver ? (
                  <td className={stack.cell}>
                    {d.state === 'PENDING' ? null : <RedeliverButton action={redeliverWebhookAction} id={webhookId} deliveryId={d.id} label={what} />}
                  </td>
                ) : null}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

const ms = (n: number) => `${n.toLocaleString('en-US')} ms`;

/** How many attempts, the last one's answer and time, and every attempt on request. */
function AttemptLog({ delivery: d }: { delivery: DeliveryDto }) {
  const last = d.log.at(-1);
  const summary = `${d.attempts} ${d.attempts === 1 ? 'attempt' : 'attempts'}${last ? `, last ${last.status ?? 'no answer'} in ${ms(last.durationMs)}` : ''}`;
  if (d.log.length <= 1) return <span>{summary}</span>;
  return (
    <details>
      <summary className="cursor-pointer">{summary}</summary>
      <ol className="mt-1 space-y-1 text-xs ink">
        {d.log.map((a, i) => (
          <li key={`${a.at}-${i}`} className="[overflow-wrap:anywhere]">
            {formatInstant(a.at)}: {a.status ?? 'no answer'}, {ms(a.durationMs)}{a.error ? ` · ${a.error}` : ''}
          </li>
        ))}
      </ol>
    </details>
  );
}
