import type { Route } from 'next';
import Link from '@/components/link';
import { Badge } from '@/components/ui/badge';
import { formatDay } from '@/lib/format';
import { formatPeriod } from '@/lib/format-period';
import type { Granularity } from '@/lib/granularity';
import { describeCoverage, type PeriodCoverage } from '@/lib/periods';

const PLURAL: Record<Granularity, string> = { day: 'days', week: 'weeks', month: 'months', quarter: 'quarters' };

/**
 * Says which periods the range cuts (a 1-day last week looks like a collapse otherwise) and
 * offers the same view over whole periods only (issue 13, finding 5).
 */
export function PartialPeriodsNote({ partial, granularity, whole, wholeHref }: {
  partial: PeriodCoverage[];
  granularity: Granularity;
  whole: { from: string; to: string } | null;
  wholeHref: Route | null;
}) {
  if (!partial.length) return null;
  return (
    <div data-testid="partial-note" className="rounded-md border border-dashed border-amber-400 bg-amber-50 px-3 py-2 text-sm text-amber-950 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-100">
      <p>
        <span className="font-semibold">Partial {partial.length === 1 ? granularity : PLURAL[granularity]}:</span>{' '}
        {partial.map((c, i) => (
          <span key={c.start}>
            {i ? ' and ' : ''}
            {formatPeriod(c.start, granularity, true)} ({describeCoverage(c)})
          </span>
        ))}
        . The range holds only part of {partial.length === 1 ? 'it' : 'them'}, so {partial.length === 1 ? 'its values look' : 'their values look'} low beside whole {PLURAL[granularity]}; the chart and the table mark {partial.length === 1 ? 'it' : 'them'}.
      </p>
      {whole && wholeHref ? (
        <p className="no-print mt-1">
          <Link href={wholeHref} className="font-semibold underline" data-testid="whole-periods">
            Whole {PLURAL[granularity]} only: {formatDay(whole.from)} to {formatDay(whole.to)}
          </Link>
        </p>
      ) : null}
    </div>
  );
}

/** The table's marker beside a partial period's date. */
export function PartialMark({ coverage }: { coverage: PeriodCoverage | undefined }) {
  if (!coverage) return null;
  return (
    <span className="ml-1.5 align-middle">
      <Badge tone="warning" title={`Partial period: the range holds ${describeCoverage(coverage)} of it`}>
        <span aria-hidden>◌</span> partial: {describeCoverage(coverage)}
      </Badge>
    </span>
  );
}
