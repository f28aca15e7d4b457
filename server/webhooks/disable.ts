import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { recordAudit } from '@/server/audit/record';
import { SYSTEM_ACTOR } from '@/server/auth/actor';

type Tx = Prisma.TransactionClient;

export const WEBHOOKS_HREF = '/admin/webhooks';

/** The host of an endpoint's address, for messages ("hooks.example.com"). */
export function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url.slice(0, 80);
  }
}

/**
 * An endpoint that nothing reached for a whole day is disabled (docs/decisions/016-webhooks.md),
 * audited as the system, and every active administrator is told in their inbox, once per disabling.
 * Its pending deliveries stay: enabling it again sends those still within their day.
 */
export async function disableFailingEndpoint(tx: Tx, endpointId: string, facts: { at: Date; failures: number; lastError: string | null }): Promise<boolean> {
  const reason = `Disabled by Accord: nothing reached it for a day (${facts.failures} failed attempts in a row). Last error: ${facts.lastError ?? 'none recorded'}`.slice(0, 1_000);
  const [endpoint] = await tx.$queryRaw<{ url: string }[]>`
    UPDATE webhook_endpoints SET active = false, "disabledAt" = ${facts.at}, "disabledReason" = ${reason}, version = version + 1, "updatedAt" = ${facts.at}
    WHERE id = ${endpointId} AND active RETURNING url`;
  if (!endpoint) return false; // already disabled (by an administrator, or by another runner)
  await recordAudit(tx, SYSTEM_ACTOR, {
    entityType: 'WebhookEndpoint', entityId: endpointId, action: 'webhook.disabled',
    before: { active: true }, after: { active: false, disabledReason: reason },
    context: { url: endpoint.url, failures: facts.failures },
  });
  const admins = await tx.user.findMany({ where: { role: 'ADMIN', deactivatedAt: null }, select: { id: true } });
  await tx.notification.createMany({
    data: admins.map((a) => ({
      userId: a.id, reason: 'WEBHOOK_DISABLED' as const, href: WEBHOOKS_HREF,
      title: `Webhook to ${hostOf(endpoint.url)} was disabled after ${facts.failures} failures`,
      detail: `Nothing reached it for a day. Last error: ${facts.lastError ?? 'none recorded'}. Fix the receiver, then enable the webhook again.`.slice(0, 500),
      dedupeKey: `webhook-disabled:${endpointId}:${facts.at.toISOString()}:${a.id}`,
    })),
    skipDuplicates: true,
  });
  return true;
}
