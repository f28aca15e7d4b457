'use client';

import { StageBadge } from '@/components/partnerships/stage-badge';
import { Badge } from '@/components/ui/badge';
import type { StageHistoryRow, StageStatus } from '@/lib/dashboard';
import { STAGE_LABELS } from '@/lib/domain';
import { formatDay, formatInteger } from '@/lib/format';

/** Moves shown before "Show all": the recent ones are what a review needs. */
const RECENT_MOVES = 3;

/** "45 days", "160 days (about 5 months)", "3,883 days (about 10 years)". */
export function describeDays(days: number): string {
  const base = `${formatInteger(days)} day${days === 1 ? '' : 's'}`;
  if (days >= 730) return `${base} (about ${Math.round(days / 365.25)} years)`;
  if (days >= 60) return `${base} (about ${Math.round(days / 30.44)} months)`;
  return base;
}

/** The header's "time in the current stage", flagged past the stage's threshold (lib/rules/stages.ts). */
export function StageAge({ status }: { status: StageStatus }) {
  return (
    <span className="flex flex-wrap items-center gap-2 text-sm ink" data-testid="stage-age">
      <a href="#stage-history" className="underline decoration-slate-400 underline-offset-2 hover:decoration-current">
        {`${formatInteger(status.days)} day${status.days === 1 ? '' : 's'} in this stage`}
      </a>
      <span className="muted">{`since ${formatDay(status.since)}`}</span>
      {status.overdue ? (
        <Badge tone="warning" title={`${STAGE_LABELS[status.stage]} is expected to take at most ${status.limitDays} days`}>
          Over the {status.limitDays}-day threshold
        </Badge>
      ) : null}
    </span>
  );
}

function Move({ row, current }: { row: StageHistoryRow; current: boolean }) {
  return (
    <li className="relative" data-stage-move={`${row.from ?? 'OPENED'}>${row.to}`}>
      <span aria-hidden className={`absolute -left-[27px] top-1.5 size-3 rounded-full border-2 border-white dark:border-slate-900 ${current ? 'bg-violet-600' : 'bg-slate-400'}`} />
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        {row.from ? (
          <>
            <StageBadge stage={row.from} />
            <span aria-hidden>→</span>
            <span className="sr-only">to</span>
          </>
        ) : (
          <span className="text-sm">Opened at</span>
        )}
        <StageBadge stage={row.to} />
        <time dateTime={row.on} className="text-sm font-medium">{formatDay(row.on)}</time>
      </div>
      {row.reason ? <p className="user-text mt-0.5 text-sm text-slate-800 dark:text-slate-200">{row.reason}</p> : null}
      <p className="mt-0.5 text-xs muted">
        By <bdi>{row.by}</bdi> · {current ? `current stage, ${describeDays(row.days)} so far` : `${describeDays(row.days)} in ${STAGE_LABELS[row.to]}`}
      </p>
    </li>
  );
}

/**
 * The stage history, newest first (issue 12, item 3). The older moves sit in a <details> element,
 * so "Show all" works without JavaScript.
 */
export function StageHistory({ rows, isDemoData }: { rows: StageHistoryRow[]; isDemoData: boolean }) {
  if (!rows.length) return <p className="text-sm muted">No stage moves recorded yet.</p>;
  const recent = rows.slice(0, RECENT_MOVES);
  const older = rows.slice(RECENT_MOVES);
  const list = 'relative space-y-3 border-l-2 border-slate-200 pl-5 dark:border-slate-700';
  return (
    <div data-testid="stage-history">
      <p className="mb-3 text-xs muted">
        {rows.length - 1} stage move{rows.length === 2 ? '' : 's'} since the partnership was opened on {formatDay(rows.at(-1)!.on)}, newest first.
        {isDemoData ? ' Demo data: the moves after the opening are synthetic.' : ''}
      </p>
      <ol className={list}>
        {recent.map((row, i) => <Move key={row.at + row.to} row={row} current={i === 0} />)}
      </ol>
      {older.length ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium">{`Show all ${rows.length} entries (${older.length} older)`}</summary>
          <ol className={`${list} mt-3`} start={RECENT_MOVES + 1}>
            {older.map((row) => <Move key={row.at + row.to} row={row} current={false} />)}
          </ol>
        </details>
      ) : null}
    </div>
  );
}
