/**
 * What a dashboard section shows of a long list (issue 14, goal 4): everything that still needs
 * someone, and the last few settled items for context; the earlier settled ones fold into one line
 * ("57 launched regions with nothing open are not shown") and are sent only when asked (`?…=all`).
 * A deal in sixty regions otherwise sent sixty finished rows with every dashboard view.
 */

/** Settled items a section keeps in view before folding the earlier ones away. */
export const SETTLED_SHOWN = 3;
/** A section folds only when it would hide more than this many settled items. */
const FOLD_AT_LEAST = 3;

export type Folded<T> = { shown: T[]; folded: number };

/**
 * Folds the settled items of `items` but the `SETTLED_SHOWN` most recent: by `recency` (an ISO
 * day; later is more recent; ties and a missing day go by position), or by position in the list
 * when no `recency` is given (the last ones are the most recent). The order of `items` is kept.
 */
export function foldSettled<T>(items: T[], settled: (item: T) => boolean, options: { showAll: boolean; recency?: (item: T) => string | null }): Folded<T> {
  const done = items.map((item, index) => ({ item, index })).filter(({ item }) => settled(item));
  const fold = done.length - SETTLED_SHOWN;
  if (options.showAll || fold < FOLD_AT_LEAST) return { shown: items, folded: 0 };
  const recency = options.recency;
  const byRecency = recency
    ? [...done].sort((a, b) => (recency(b.item) ?? '').localeCompare(recency(a.item) ?? '') || b.index - a.index)
    : [...done].reverse();
  const kept = new Set(byRecency.slice(0, SETTLED_SHOWN).map((d) => d.index));
  const hidden = new Set(done.filter((d) => !kept.has(d.index)).map((d) => d.index));
  return { shown: items.filter((_, index) => !hidden.has(index)), folded: hidden.size };
}
