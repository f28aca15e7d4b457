import type { SinceLastReview } from '@/lib/dashboard';
import { formatDay, formatInteger } from '@/lib/format';
import { formatInstant } from '@/lib/format-time';

const SOURCE = { 'previous-visit': 'since your last review', chosen: 'since the date you chose', default: 'in the last 14 days (your first visit)' } as const;

export function SinceReview({ review, slug }: { review: SinceLastReview; slug: string }) {
  const a = review.activation;
  return (
    <div>
      <div className="mb-3 flex flex-wrap items-end justify-between gap-2">
        <p className="text-sm text-slate-700 dark:text-slate-300">
          {review.items.length} change{review.items.length === 1 ? '' : 's'} {SOURCE[review.sinceSource]}, {formatInstant(review.since)}.
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
      {review.items.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">Nothing changed.</p>
      ) : (
        <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="review-items">
          {review.items.map((item, i) => (
            <li key={i} className="flex flex-wrap items-baseline justify-between gap-x-4 py-1.5">
              <span className={item.tone === 'bad' ? 'text-rose-800 dark:text-rose-300' : item.tone === 'good' ? 'text-emerald-800 dark:text-emerald-300' : ''}><bdi>{item.text}</bdi></span>
              <span className="text-xs text-slate-600 dark:text-slate-400"><bdi>{item.actor}</bdi> · {formatDay(item.at.slice(0, 10))}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
