import type { Metadata } from 'next';
import { ApprovalList } from '@/components/approvals/approval-list';
import { Section } from '@/components/dashboard/section';
import { EmptyState } from '@/components/ui/empty-state';
import { PageNoticeProvider } from '@/components/ui/page-notice';
import { decideAction, withdrawAction } from '@/server/approvals/actions';
import { findApprovalsPage } from '@/server/approvals/queries';
import { actorCan } from '@/server/auth/guard';
import { requirePagePermission } from '@/server/auth/require';

export const metadata: Metadata = { title: 'Approvals' };

// Four eyes (issue 17, docs/decisions/018-four-eyes.md): a region going live and a deal being
// signed wait here for someone other than the person who asked.
export default async function ApprovalsPage() {
  const actor = await requirePagePermission('approvals.read');
  const canDecide = actorCan(actor, 'approvals.decide');
  const { pending, decided } = await findApprovalsPage();
  const actions = { decide: decideAction, withdraw: withdrawAction };
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Approvals</h1>
        <p className="mt-1 max-w-3xl text-sm muted">
          A region going live and a deal being signed need a second person: business development asks, and an executive or an
          administrator other than the one who asked approves or rejects. On approval the move is made at once, if its gates still hold.
        </p>
      </div>
      <PageNoticeProvider>
        <Section title={`Waiting for a decision (${pending.length})`} id="approvals-pending">
          {pending.length ? (
            <ApprovalList items={pending} viewerId={actor.userId} canDecide={canDecide} actions={actions} />
          ) : (
            <EmptyState title="Nothing is waiting for approval">
              When business development asks for a region to go live or a deal to be signed, the request appears here.
            </EmptyState>
          )}
        </Section>
      </PageNoticeProvider>
      <Section title="Recent decisions" id="approvals-decided">
        {decided.length ? (
          <ApprovalList items={decided} viewerId={actor.userId} canDecide={false} />
        ) : (
          <p className="text-sm muted">No request has been decided yet.</p>
        )}
      </Section>
    </div>
  );
}
