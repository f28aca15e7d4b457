import type { Route } from 'next';
import Link from '@/components/link';
import type { Action } from '@/components/forms/action-form';
import { Badge, type Tone } from '@/components/ui/badge';
import { APPROVAL_KIND_LABELS, APPROVAL_STATE_LABELS, type ApprovalState } from '@/lib/approvals';
import { formatDay } from '@/lib/format';
import { formatInstant } from '@/lib/format-time';
import type { ApprovalDto } from '@/server/approvals/queries';
import { DecideForm, WithdrawForm } from './decision-forms';

const TONE: Record<ApprovalState, Tone> = { PENDING: 'warning', APPROVED: 'success', REJECTED: 'danger', WITHDRAWN: 'neutral' };

/** What the move will be given: the signing or launch day, when one was asked for. */
function askedFor(a: ApprovalDto): string | null {
  const day = a.kind === 'PARTNERSHIP_SIGNED' ? a.input.signedOn : a.input.actualLaunchOn;
  if (typeof day !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(day)) return a.kind === 'ROLLOUT_LIVE' ? 'Launch day: the day it is approved' : null;
  return `${a.kind === 'PARTNERSHIP_SIGNED' ? 'Signed on' : 'Launch day'}: ${formatDay(day)}`;
}

/**
 * Requests as the approvals page and a deal's dashboard list them: what, which deal and region,
 * who asked and when, their note; the decision controls for those who may decide (never on one's
 * own request: the requester may withdraw it instead).
 */
export function ApprovalList({ items, viewerId, canDecide, actions, showDeal = true }: {
  items: readonly ApprovalDto[];
  viewerId: string | null;
  canDecide: boolean;
  actions?: { decide: Action; withdraw: Action };
  showDeal?: boolean;
}) {
  return (
    <ul className="divide-y divide-slate-100 dark:divide-slate-800">
      {items.map((a) => {
        const mine = viewerId !== null && a.requestedBy.id === viewerId;
        const when = askedFor(a);
        return (
          <li key={a.id} id={`approval-${a.id}`} className="scroll-mt-20 py-3 target:bg-amber-50 dark:target:bg-slate-800" data-approval={a.id} data-approval-state={a.state}>
            <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <span className="font-medium"><bdi>{a.subject}</bdi></span>
              <Badge tone={TONE[a.state]}>{APPROVAL_STATE_LABELS[a.state]}</Badge>
              <span className="text-xs muted">{APPROVAL_KIND_LABELS[a.kind]}</span>
            </div>
            <dl className="mt-1 grid gap-x-4 gap-y-0.5 text-sm text-slate-700 sm:grid-cols-[auto_1fr] dark:text-slate-300">
              {showDeal ? (
                <>
                  <dt className="muted">Deal</dt>
                  <dd><Link href={`/partnerships/${a.partnership.slug}` as Route} className="underline"><bdi>{a.partnership.name}</bdi></Link></dd>
                </>
              ) : null}
              {a.rollout ? (
                <>
                  <dt className="muted">Region</dt>
                  <dd><Link href={`/partnerships/${a.partnership.slug}/rollouts/${a.rollout.id}` as Route} className="underline">{a.rollout.regionName}</Link></dd>
                </>
              ) : null}
              <dt className="muted">Requested by</dt>
              <dd><bdi>{a.requestedBy.name}</bdi>, {formatInstant(a.requestedAt)}</dd>
              {when ? (<><dt className="muted">Asked for</dt><dd>{when}</dd></>) : null}
              {a.note ? (<><dt className="muted">Note</dt><dd className="user-text [overflow-wrap:anywhere]">{a.note}</dd></>) : null}
              {a.decidedAt ? (
                <>
                  <dt className="muted">{a.state === 'WITHDRAWN' ? 'Withdrawn' : 'Decided by'}</dt>
                  <dd>{a.decidedBy ? <bdi>{a.decidedBy.name}</bdi> : 'someone no longer on record'}, {formatInstant(a.decidedAt)}</dd>
                </>
              ) : null}
              {a.decisionNote ? (<><dt className="muted">Comment</dt><dd className="user-text [overflow-wrap:anywhere]">{a.decisionNote}</dd></>) : null}
            </dl>
            {a.state === 'PENDING' && actions ? (
              mine ? (
                <>
                  <p className="mt-2 text-sm muted">You asked for this, so someone else decides it: another executive or an administrator.</p>
                  <WithdrawForm action={actions.withdraw} id={a.id} version={a.version} subject={a.subject} />
                </>
              ) : canDecide ? (
                <DecideForm action={actions.decide} id={a.id} version={a.version} subject={a.subject} />
              ) : null
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
