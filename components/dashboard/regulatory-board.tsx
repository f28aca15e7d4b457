'use client';

// A client component fed plain rows: the server sends the rows once as data instead of every
// element of the table (issue 14: the RSC render of a table's elements cost more than the HTML).

import Link from '@/components/link';
import { Badge } from '@/components/ui/badge';
import type { CheckpointCard } from '@/lib/dashboard';
import { CHECKPOINT_STATUS_LABELS, RISK_LABELS, type CheckpointStatus } from '@/lib/domain';
import { formatDay } from '@/lib/format';
import { RISK_TONE, STATUS_TONE } from './checkpoint-tones';

const COLUMNS: { title: string; statuses: CheckpointStatus[] }[] = [
  { title: 'Not yet filed', statuses: ['NOT_STARTED', 'PREPARING'] },
  { title: 'With the regulator', statuses: ['FILED', 'UNDER_REVIEW'] },
  { title: 'Decided', statuses: ['APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED'] },
];

// The card's parts are styled by .checkpoint-card in app/globals.css: up to ~15 cards are in view.
function Card({ c, slug }: { c: CheckpointCard; slug: string }) {
  return (
    <li className="checkpoint-card" data-checkpoint={c.regulator}>
      <div className="card-head">
        <Link href={`/partnerships/${slug}/checkpoints/${c.id}`}><bdi>{c.regulator}</bdi></Link>
        <span className="text-xs muted">{c.jurisdiction}</span>
      </div>
      <p className="user-text mt-0.5 text-xs ink">{c.requirement}</p>
      <div className="card-flags">
        <Badge tone={STATUS_TONE[c.status] ?? 'neutral'}>{CHECKPOINT_STATUS_LABELS[c.status]}</Badge>
        <Badge tone={RISK_TONE[c.risk]}>{`${RISK_LABELS[c.risk]} risk`}</Badge>
        {c.decisionOverdue ? <Badge tone="danger">Decision overdue</Badge> : null}
        {c.evidence === 'expiring' ? <Badge tone="warning">Evidence expiring</Badge> : null}
        {c.evidence === 'expired' ? <Badge tone="danger">Evidence expired</Badge> : null}
        {c.staleDays ? <Badge tone="warning">{`No update for ${c.staleDays} days`}</Badge> : null}
      </div>
      <dl className="card-facts">
        {c.decisionDueOn && !c.decidedOn ? <><dt>Decision due</dt><dd>{formatDay(c.decisionDueOn)}</dd></> : null}
        {c.decidedOn ? <><dt>Decided</dt><dd>{formatDay(c.decidedOn)}</dd></> : null}
        {c.evidenceExpiresOn ? <><dt>Evidence expires</dt><dd>{formatDay(c.evidenceExpiresOn)}</dd></> : null}
      </dl>
      {c.conditions ? <p className="mt-2 text-xs"><span className="font-medium">Conditions:</span> <bdi className="whitespace-pre-line">{c.conditions}</bdi></p> : null}
    </li>
  );
}

/** `decidedFolded`: approvals the page folded away (lib/dashboard-fold.ts), still counted in their column. */
export function RegulatoryBoard({ checkpoints, slug, decidedFolded = 0 }: { checkpoints: CheckpointCard[]; slug: string; decidedFolded?: number }) {
  if (!checkpoints.length) return <p className="text-sm muted">No regulatory checkpoints recorded.</p>;
  return (
    <div className="grid gap-4 md:grid-cols-3 [&>*]:min-w-0">
      {COLUMNS.map((col) => {
        const cards = checkpoints.filter((c) => col.statuses.includes(c.status));
        const folded = col.statuses.includes('APPROVED') ? decidedFolded : 0;
        return (
          <div key={col.title}>
            <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide muted">{`${col.title} (${cards.length + folded})`}</h3>
            {cards.length ? <ul className="space-y-2">{cards.map((c) => <Card key={c.id} c={c} slug={slug} />)}</ul> : folded ? null : <p className="text-xs muted">None</p>}
            {folded ? <p className="mt-2 text-xs muted">{`and ${folded} earlier approvals with nothing open`}</p> : null}
          </div>
        );
      })}
    </div>
  );
}
