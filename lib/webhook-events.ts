/**
 * The events a webhook may subscribe to (issue 16, item 5), as families of audit actions. Kept
 * tiny and free of imports: server/notifications/queue.ts reads it inside every audited change
 * (docs/decisions/016-webhooks.md), and the registration form lists the same families.
 */
export const WEBHOOK_EVENTS = ['milestone', 'checkpoint', 'rollout', 'stage', 'note', 'import'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const WEBHOOK_EVENT_LABELS: Record<WebhookEvent, { label: string; detail: string }> = {
  milestone: { label: 'Milestones', detail: 'added, updated, moved in the plan, deleted or restored' },
  checkpoint: { label: 'Regulatory checkpoints', detail: 'added, updated (a regulator’s decision included) or deleted' },
  rollout: { label: 'Rollouts', detail: 'a region added or removed, its status, gates or flag changed' },
  stage: { label: 'Stage moves', detail: 'a partnership moved to another stage' },
  note: { label: 'Notes', detail: 'written, edited or deleted' },
  import: { label: 'Imports', detail: 'metrics or targets imported from a CSV file' },
};

/** Every audit action some webhook family reports. */
export const WEBHOOK_ACTIONS = /^(?:(?:milestone|checkpoint|rollout|note)\.[a-z_-]+|partnership\.stage_moved|(?:metrics|targets)\.imported)$/;

/** The family an audit action belongs to ("checkpoint.updated" → "checkpoint"), or null. */
export function webhookEventOf(action: string): WebhookEvent | null {
  if (!WEBHOOK_ACTIONS.test(action)) return null;
  if (action === 'partnership.stage_moved') return 'stage';
  if (action.endsWith('.imported')) return 'import';
  return action.slice(0, action.indexOf('.')) as WebhookEvent;
}
