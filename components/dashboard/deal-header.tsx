'use client';

import type { Route } from 'next';
import Link from '@/components/link';
import { WatchButton } from '@/components/inbox/watch-button';
import { StageBadge } from '@/components/partnerships/stage-badge';
import { Badge } from '@/components/ui/badge';
import type { Dashboard } from '@/lib/dashboard';
import { formatDay } from '@/lib/format';
import { HealthBadge } from './health-badge';
import { StageAge } from './stage-history';

/** What the dashboard's header shows: the deal's facts, and what this reader may do (the server decided). */
export type DealHeaderProps = Pick<Dashboard, 'id' | 'slug' | 'name' | 'stage' | 'stageStatus' | 'summary' | 'owner' | 'isDemoData' | 'parties' | 'health'> & {
  summaryHidden: boolean;
  can: { manage: boolean; regions: boolean; edit: boolean; metrics: boolean; watch: boolean };
  watching: boolean;
};

const secondary = 'inline-block rounded-md border border-slate-300 px-3 py-1.5 text-sm font-semibold hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800';

/**
 * The dashboard's header: name, stage, parties, the reader's actions and the deal's health. A client
 * component fed one plain object: as server markup its ~40 elements were ~300 values of the page's
 * payload, each serialized and revived on every view (bench/results/notes.md, 2026-12-06). The
 * links are the reader's permissions as the server checked them; every action checks again.
 */
export function DealHeader(d: DealHeaderProps) {
  return (
    <header className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0 max-w-3xl">
        <div className="flex flex-wrap items-center gap-2">
          <h1 className="min-w-0 text-2xl font-semibold tracking-tight"><bdi>{d.name}</bdi></h1>
          <StageBadge stage={d.stage} />
          {d.isDemoData ? <Badge title="Figures beyond the reported facts are synthetic">Demo data</Badge> : null}
        </div>
        <div className="mt-1">
          <StageAge status={d.stageStatus} />
        </div>
        <p className="mt-1 text-sm muted">
          {d.parties.map((p) => <span key={p.name}><bdi>{p.name}</bdi>: <bdi>{p.role}</bdi> · </span>)}Owner: <bdi>{d.owner}</bdi>
          {d.stageStatus.signedOn ? ` · Signed on ${formatDay(d.stageStatus.signedOn)}` : ''}
        </p>
        {d.summary ? <p className="user-text mt-2 text-sm ink">{d.summary}</p> : null}
        {d.summaryHidden ? <p className="mt-2 text-sm italic muted" data-confidential="summary">Deal summary: confidential, not shown to your role.</p> : null}
        <div className="no-print mt-3 flex flex-wrap gap-2">
          {d.can.manage ? (
            <Link href={`/partnerships/${d.slug}/manage`} className="inline-block rounded-md bg-brand-600 px-3 py-1.5 text-sm font-semibold text-white hover:bg-brand-700">
              Update milestones, checkpoints and rollout
            </Link>
          ) : null}
          {!d.can.manage && d.can.regions ? <Link href={`/partnerships/${d.slug}/manage`} className={secondary}>Regions of this deal</Link> : null}
          {d.can.edit ? <Link href={`/partnerships/${d.slug}/edit`} className={secondary}>Edit deal and stage</Link> : null}
          {d.can.metrics ? <Link href={`/partnerships/${d.slug}/metrics`} className={secondary}>Explore metrics</Link> : null}
          <Link href={`/partnerships/${d.slug}/targets` as Route} className={secondary}>Targets</Link>
          {d.can.watch ? <WatchButton subjectType="partnership" subjectId={d.id} watching={d.watching} /> : null}
        </div>
      </div>
      <div className="min-w-56 card p-3" data-testid="health">
        <div className="mb-1 text-xs font-medium uppercase tracking-wide muted">Health</div>
        <HealthBadge health={d.health} withReasons />
      </div>
    </header>
  );
}
