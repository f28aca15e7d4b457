import type { Route } from 'next';
import Link from '@/components/link';
import type { SinceLastReview } from '@/lib/dashboard';
import { formatInteger } from '@/lib/format';
import { formatInstant } from '@/lib/format-time';
import { toWire } from '@/lib/wire-text';
import { ReviewItems } from './review-items';

const SOURCE = { 'previous-visit': 'since your last review', chosen: 'since the date you chose', default: 'in the last 14 days (your first visit)' } as const;

/**
 * Changes the dashboard lists when the review read as many events as it reads at most
 * (`review.more`): the latest ones, how many there are at least, and a link to the activity feed.
 * A review below that cap lists every change.
 */
export const REVIEW_SHOWN_WHEN_MORE = 25;

export function SinceReview({ review, slug }: { review: SinceLastReview; slug: string }) {
  const a = review.activation;
  const shown = review.more ? review.items.slice(0, REVIEW_SHOWN_WHEN_MORE) : review.items;
  const cut = review.more;
  const count = `${review.more ? 'at least ' : ''}${formatInteger(review.items.length)} change${review.items.length === 1 && !review.more ? '' : 's'}`;
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-end justify-between gap-2">
        <p className="text-sm ink">
          {`${cut ? `The latest ${shown.length} of ${count}` : count} to the deal ${SOURCE[review.sinceSource]}, ${formatInstant(review.since)}.`}
        </p>
        <form method="get" action={`/partnerships/${slug}`} className="no-print flex items-end gap-2 text-xs">
          <label className="flex flex-col gap-0.5">Changes since
            <input type="date" name="since" defaultValue={review.since.slice(0, 10)} className="rounded border border-slate-300 bg-white px-1.5 py-1 dark:border-slate-700 dark:bg-slate-950" />
          </label>
          <button type="submit" className="rounded border border-slate-300 px-2 py-1 font-medium dark:border-slate-700">Show</button>
        </form>
      </div>
      {a ? (
        <p className="mb-3 text-sm" data-testid="review-activation">
          Activation since then: <strong>{formatInteger(a.actual)}</strong> cards
          {a.target ? <> against a target of {formatInteger(a.target)} (<strong>{((a.actual / a.target) * 100).toFixed(1)}%</strong>)</> : null}.
        </p>
      ) : null}
      {review.dataMovements ? (
        <p className="mb-3 text-sm ink" data-testid="review-data-movements">Data moved: <bdi>{review.dataMovements}</bdi>.</p>
      ) : null}
      {review.items.length === 0 ? (
        <p className="text-sm muted">Nothing changed.</p>
      ) : (
        <ReviewItems items={shown.map((item) => ({ tone: item.tone, text: toWire(item.text), actor: toWire(item.actor), when: toWire(formatInstant(item.at)) }))} />
      )}
      {cut ? (
        <p className="mt-2 text-sm" data-testid="review-more">
          <Link href={`/partnerships/${slug}/activity` as Route} className="font-medium text-brand-700 underline underline-offset-2 dark:text-brand-300">All activity on this deal</Link>, newest first.
        </p>
      ) : null}
    </div>
  );
}
