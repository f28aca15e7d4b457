'use client';

import type { Kpis } from '@/lib/dashboard';
import { formatDay, formatInteger, formatShareOfTarget } from '@/lib/format';

function Card({ label, value, detail, tone = 'neutral', testId }: { label: string; value: string; detail?: string; tone?: 'neutral' | 'good' | 'bad'; testId: string }) {
  const color = tone === 'good' ? 'text-emerald-700 dark:text-emerald-300' : tone === 'bad' ? 'text-rose-700 dark:text-rose-300' : '';
  return (
    <div className="card p-4" data-testid={testId}>
      <dt className="text-xs font-medium uppercase tracking-wide muted">{label}</dt>
      {/* One size down on a phone: a two-column card holds 67,244,977 without breaking it (390 px). */}
      <dd className={`mt-1 text-xl font-semibold tabular-nums sm:text-2xl ${color}`}>{value}</dd>
      {detail ? <dd className="mt-0.5 text-xs muted">{detail}</dd> : null}
    </div>
  );
}

export function KpiCards({ kpis }: { kpis: Kpis }) {
  const change = kpis.previous7 > 0 ? (kpis.last7 - kpis.previous7) / kpis.previous7 : null;
  const asOf = kpis.asOf ? `as of ${formatDay(kpis.asOf)}` : 'no activation data yet';
  return (
    <dl className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
      {/* Cards added hidden from this reader (confidential, issue 17): the activation cards are left out. */}
      {kpis.activationShown ? (<>
      <Card testId="kpi-cards-to-date" label="Cards activated" value={formatInteger(kpis.cardsToDate)} detail={asOf} />
      <Card testId="kpi-last-7" label="Last 7 days" value={formatInteger(kpis.last7)}
        detail={change === null ? 'no previous week' : `${change >= 0 ? '+' : ''}${(change * 100).toFixed(1)}% vs the 7 before`}
        tone={change === null ? 'neutral' : change >= 0 ? 'good' : 'bad'} />
      {/* Activation targets confidential to this reader (issue 17, item 5): said, not shown. */}
      <Card testId="kpi-target" label="Of target" value={!kpis.targetShown ? 'Confidential' : kpis.pctOfTarget === null ? '—' : formatShareOfTarget(kpis.pctOfTarget)}
        detail={kpis.targetShown ? 'cumulative, to date' : 'targets not shown to your role'} tone={kpis.pctOfTarget === null ? 'neutral' : kpis.pctOfTarget >= 0.95 ? 'good' : 'bad'} />
      </>) : null}
      <Card testId="kpi-regions" label="Regions live" value={`${kpis.regionsLive} of ${kpis.regionsTotal}`} />
      <Card testId="kpi-approvals" label="Approvals pending" value={String(kpis.approvalsPending)} tone={kpis.approvalsPending ? 'bad' : 'good'} />
      <Card testId="kpi-overdue" label="Milestones overdue" value={String(kpis.milestonesOverdue)} tone={kpis.milestonesOverdue ? 'bad' : 'good'} />
    </dl>
  );
}
