import { StageBadge } from '@/components/partnerships/stage-badge';
import type { PartnershipStage } from '@/lib/domain';

export type StageHistoryEntry = { from: PartnershipStage | null; to: PartnershipStage; at: string; by: string; reason: string | null };

const when = (iso: string) => new Date(iso).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });

/** Stage moves, newest first: from → to, when, who, why. */
export function StageHistoryList({ entries }: { entries: StageHistoryEntry[] }) {
  if (!entries.length) return <p className="text-sm text-slate-600 dark:text-slate-400">No stage moves recorded yet.</p>;
  return (
    <ol className="space-y-3" aria-label="Stage history">
      {entries.map((e, i) => (
        <li key={`${e.at}-${i}`} className="border-l-2 border-slate-200 pl-3 dark:border-slate-700">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            {e.from ? <><StageBadge stage={e.from} /><span aria-label="to">→</span></> : <span className="text-slate-600 dark:text-slate-400">Opened at</span>}
            <StageBadge stage={e.to} />
            <time dateTime={e.at} className="text-slate-600 dark:text-slate-400">{when(e.at)}</time>
            <span className="text-slate-600 dark:text-slate-400">· {e.by}</span>
          </div>
          {e.reason ? <p className="mt-1 break-words text-sm text-slate-700 dark:text-slate-300">{e.reason}</p> : null}
        </li>
      ))}
    </ol>
  );
}
