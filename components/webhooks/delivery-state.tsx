import { Badge } from '@/components/ui/badge';
import type { DeliveryState } from '@/lib/schemas/webhooks';

const TONE = { PENDING: 'info', SUCCEEDED: 'success', FAILED: 'danger' } as const;
const WORD = { PENDING: 'Waiting', SUCCEEDED: 'Delivered', FAILED: 'Failed' } as const;

/** A delivery's state in words, with the receiver's last HTTP status when there was one. */
export function DeliveryStateBadge({ state, status }: { state: DeliveryState; status: number | null }) {
  return <Badge tone={TONE[state]}>{WORD[state]}{status ? ` · ${status}` : ''}</Badge>;
}
