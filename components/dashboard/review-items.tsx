'use client';

// A client component fed plain rows, as the regulatory board and the explorer's table are: the
// "since your last review" list holds up to 25 changes, and as server elements they cost the
// dashboard more than a third of its server time again (issue 14; bench/results/notes.md).

import type { ChangeItem } from '@/lib/dashboard';
import { fromWire } from '@/lib/wire-text';

/**
 * A change as the list shows it: `when` is the time already formatted (on the server, in UTC), and
 * its text, actor and time travel in Latin-1 (lib/wire-text.ts).
 */
export type ReviewItemRow = Omit<ChangeItem, 'at'> & { when: string };

const TONE = { bad: 'text-rose-800 dark:text-rose-300', good: 'text-emerald-800 dark:text-emerald-300', neutral: '' } as const;

export function ReviewItems({ items }: { items: ReviewItemRow[] }) {
  return (
    <ul className="divide-y divide-slate-100 text-sm dark:divide-slate-800" data-testid="review-items">
      {items.map((item, i) => (
        <li key={i} className="flex flex-wrap items-baseline justify-between gap-x-4 py-1.5">
          <span className={`min-w-0 break-words ${TONE[item.tone]}`}><bdi>{fromWire(item.text)}</bdi></span>
          <span className="text-xs muted"><bdi>{fromWire(item.actor)}</bdi> · {fromWire(item.when)}</span>
        </li>
      ))}
    </ul>
  );
}
