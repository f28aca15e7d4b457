import type { Route } from 'next';
import Link from '@/components/link';
import { Section } from '@/components/dashboard/section';
import type { ApprovalDto } from '@/server/approvals/queries';
import { ApprovalList } from './approval-list';

/** A deal's requests waiting for a second person (issue 17), on its dashboard; decided on /approvals. */
export function PendingApprovals({ items, viewerId }: { items: readonly ApprovalDto[]; viewerId: string | null }) {
  if (!items.length) return null;
  return (
    <Section title="Waiting for approval" id="waiting-for-approval"
      aside={<Link href={'/approvals' as Route} className="text-sm font-medium text-brand-700 underline underline-offset-2 dark:text-brand-300">Decide on the Approvals page</Link>}>
      <ApprovalList items={items} viewerId={viewerId} canDecide={false} showDeal={false} />
    </Section>
  );
}
