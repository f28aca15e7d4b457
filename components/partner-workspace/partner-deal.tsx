import Link from '@/components/link';
import { Section } from '@/components/dashboard/section';
import { StageBadge } from '@/components/partnerships/stage-badge';
import { Badge } from '@/components/ui/badge';
import type { Action } from '@/components/forms/action-form';
import { CHECKPOINT_STATUS_LABELS, MILESTONE_STATUS_LABELS, ROLLOUT_STATUS_LABELS } from '@/lib/domain';
import { formatDay } from '@/lib/format';
import type { PartnerCheckpoint, PartnerDeal, PartnerMilestone, PartnerRollout } from '@/server/partner-workspace/queries';
import { MilestoneProgressForm } from './milestone-progress-form';

const fmt = (d: string | null) => (d ? formatDay(d) : '—');

/**
 * A deal as a partner user sees it (issue 17): the record, the milestones and checkpoints shared
 * with them (their own organization's milestones to update), rollout status by region, and the
 * way to the shared metrics. Nothing here comes from the internal dashboard's queries.
 */
export function PartnerDealView({ deal, milestones, checkpoints, rollouts, canExploreMetrics, updateAction, discussion, threads = {} }: {
  deal: PartnerDeal; milestones: PartnerMilestone[]; checkpoints: PartnerCheckpoint[]; rollouts: PartnerRollout[];
  canExploreMetrics: boolean; updateAction: Action; discussion: React.ReactNode;
  /** The shared notes on each milestone and checkpoint, by its id (issue 17: partners write notes on shared things). */
  threads?: Record<string, { count: number; thread: React.ReactNode }>;
}) {
  const notesOn = (id: string, what: string) => {
    const t = threads[id];
    if (!t) return null;
    return (
      <details className="mt-2 basis-full text-sm" data-notes-on={id}>
        <summary className="cursor-pointer font-medium text-brand-700 underline-offset-2 hover:underline dark:text-brand-300">
          Notes on this {what} ({t.count})
        </summary>
        <div className="mt-2">{t.thread}</div>
      </details>
    );
  };
  const mine = milestones.filter((m) => m.editable);
  const others = milestones.filter((m) => !m.editable);
  return (
    <div className="space-y-6">
      <header className="max-w-3xl">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="min-w-0 text-2xl font-semibold tracking-tight [overflow-wrap:anywhere]"><bdi>{deal.name}</bdi></h1>
          <StageBadge stage={deal.stage} />
        </div>
        <p className="mt-1 text-sm muted [overflow-wrap:anywhere]">
          {deal.parties.map((p) => <span key={p.name}><bdi>{p.name}</bdi>: <bdi>{p.role}</bdi> · </span>)}Deal owner: <bdi>{deal.owner}</bdi>
          {deal.signedOn ? ` · Signed on ${formatDay(deal.signedOn)}` : ''}
          {deal.targetLaunchOn ? ` · Target launch ${formatDay(deal.targetLaunchOn)}` : ''}
          {deal.hiddenFields.includes('targetLaunchOn') ? ' · Target launch: confidential' : ''}
        </p>
        {deal.summary ? <p className="user-text mt-2 text-sm ink">{deal.summary}</p> : null}
        {deal.hiddenFields.includes('summary') ? <p className="mt-2 text-sm italic muted" data-confidential="summary">Deal summary: confidential.</p> : null}
        {canExploreMetrics ? (
          <div className="mt-3">
            <Link href={`/partnerships/${deal.slug}/metrics`} className="inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800">
              Shared metrics
            </Link>
          </div>
        ) : null}
      </header>

      <Section title="Your milestones" id="your-milestones">
        {mine.length === 0 ? (
          <p className="text-sm muted">No milestone of this deal is owned by someone of your organization.</p>
        ) : (
          <ul className="space-y-4">
            {mine.map((m) => (
              <li key={m.id} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800" data-milestone={m.id}>
                <div className="mb-2 flex flex-wrap items-center gap-2">
                  <h3 className="min-w-0 font-semibold [overflow-wrap:anywhere]"><bdi>{m.title}</bdi></h3>
                  <Badge tone={m.status === 'BLOCKED' ? 'danger' : m.status === 'DONE' ? 'success' : 'neutral'}>{MILESTONE_STATUS_LABELS[m.status]}</Badge>
                  <span className="text-xs muted">Owner: <bdi>{m.owner ?? 'nobody'}</bdi> · Due {fmt(m.dueOn)}</span>
                </div>
                <MilestoneProgressForm action={updateAction} m={m} />
                {notesOn(m.id, 'milestone')}
              </li>
            ))}
          </ul>
        )}
      </Section>

      {others.length ? (
        <Section title="Other shared milestones" id="shared-milestones">
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
            {others.map((m) => (
              <li key={m.id} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2">
                <span className="min-w-0 font-medium [overflow-wrap:anywhere]"><bdi>{m.title}</bdi></span>
                <span>{MILESTONE_STATUS_LABELS[m.status]}</span>
                <span className="muted">Due {fmt(m.dueOn)}</span>
                <span className="muted">Owner: <bdi>{m.owner ?? 'nobody'}</bdi></span>
                {m.status === 'BLOCKED' && m.blockedReason ? <span className="basis-full text-xs text-rose-700 dark:text-rose-300 [overflow-wrap:anywhere]">Blocked: <bdi>{m.blockedReason}</bdi></span> : null}
                {notesOn(m.id, 'milestone')}
              </li>
            ))}
          </ul>
        </Section>
      ) : null}

      <Section title="Regulatory checkpoints shared with you" id="checkpoints">
        {checkpoints.length === 0 ? (
          <p className="text-sm muted">None shared yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800">
            {checkpoints.map((c) => (
              <li key={c.id} className="py-2">
                <div className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
                  <span className="font-medium [overflow-wrap:anywhere]"><bdi>{c.regulator}</bdi> ({c.jurisdiction})</span>
                  <span>{CHECKPOINT_STATUS_LABELS[c.status]}</span>
                  {c.decidedOn ? <span className="muted">Decided {formatDay(c.decidedOn)}</span> : c.decisionDueOn ? <span className="muted">Decision due {formatDay(c.decisionDueOn)}</span> : null}
                </div>
                <p className="muted [overflow-wrap:anywhere]"><bdi>{c.requirement}</bdi></p>
                {c.conditions ? <p className="text-xs [overflow-wrap:anywhere]">Conditions: <bdi>{c.conditions}</bdi></p> : null}
                {notesOn(c.id, 'checkpoint')}
              </li>
            ))}
          </ul>
        )}
      </Section>

      <Section title="Discussion" id="notes">
        {discussion}
      </Section>

      <Section title="Rollout by region" id="rollout">
        {rollouts.length === 0 ? (
          <p className="text-sm muted">No regions planned yet.</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="phone-cards min-w-full text-left text-sm">
              <caption className="sr-only">Rollout status by region</caption>
              <thead className="text-xs uppercase tracking-wide muted">
                <tr>
                  <th scope="col" className="py-2 pr-4 font-medium">Region</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Status</th>
                  <th scope="col" className="py-2 pr-4 font-medium">Launch planned</th>
                  <th scope="col" className="py-2 font-medium">Launched</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {rollouts.map((r) => (
                  <tr key={r.id} data-region={r.region}>
                    <th scope="row" className="py-2 pr-4 font-medium"><bdi>{r.regionName}</bdi> <span className="text-xs muted">{r.region}</span></th>
                    <td data-label="Status" className="py-2 pr-4">{ROLLOUT_STATUS_LABELS[r.status]}</td>
                    <td data-label="Launch planned" className="py-2 pr-4 whitespace-nowrap">{fmt(r.plannedLaunchOn)}</td>
                    <td data-label="Launched" className="py-2 whitespace-nowrap">{fmt(r.actualLaunchOn ?? r.actualPilotOn)}{!r.actualLaunchOn && r.actualPilotOn ? ' (pilot)' : ''}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Section>
    </div>
  );
}
