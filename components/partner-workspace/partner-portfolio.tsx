import Link from '@/components/link';
import { StageBadge } from '@/components/partnerships/stage-badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDay } from '@/lib/format';
import type { PartnerDealSummary } from '@/server/partner-workspace/queries';

/** The portfolio as a partner user sees it: the deals their organization is a party to. */
export function PartnerPortfolio({ deals, organization }: { deals: PartnerDealSummary[]; organization: string }) {
  return (
    <>
      <div className="mb-6">
        <h1 className="text-2xl font-semibold tracking-tight">Your partnerships</h1>
        <p className="mt-1 text-sm muted">
          The deals <bdi>{organization}</bdi> takes part in, with what is shared with you.
        </p>
      </div>
      {deals.length === 0 ? (
        <EmptyState title="No partnerships shared with you yet">
          Your contact at the other company adds your organization to a deal; it then appears here.
        </EmptyState>
      ) : (
        <ul className="grid gap-4 md:grid-cols-2">
          {deals.map((d) => (
            <li key={d.id} className="card p-4">
              <div className="flex flex-wrap items-center gap-2">
                <Link href={`/partnerships/${d.slug}`} className="min-w-0 text-lg font-semibold text-brand-700 underline-offset-2 hover:underline dark:text-brand-300 [overflow-wrap:anywhere]">
                  <bdi>{d.name}</bdi>
                </Link>
                <StageBadge stage={d.stage} />
              </div>
              <p className="mt-1 text-sm muted [overflow-wrap:anywhere]">
                {d.parties.map((p, i) => <span key={p.name}>{i ? ' · ' : ''}<bdi>{p.name}</bdi></span>)}
              </p>
              <dl className="mt-3 grid grid-cols-3 gap-2 text-sm">
                <div><dt className="muted">Your open milestones</dt><dd className="font-semibold">{d.myMilestones}</dd></div>
                <div><dt className="muted">Regions live</dt><dd className="font-semibold">{d.regionsLive} of {d.regions}</dd></div>
                <div><dt className="muted">Target launch</dt><dd className="font-semibold">{d.targetLaunchOn ? formatDay(d.targetLaunchOn) : d.hiddenFields.includes('targetLaunchOn') ? 'Confidential' : '—'}</dd></div>
              </dl>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
