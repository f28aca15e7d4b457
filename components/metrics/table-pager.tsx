'use client';

import type { Route } from 'next';
import Link from '@/components/link';
import { formatInteger } from '@/lib/format';

const button = 'rounded-md border border-slate-300 px-2 py-1 dark:border-slate-700';

/**
 * "Rows 1–100 of 5,400" and the previous/next links under the explorer's table. A client component
 * fed numbers and two addresses: its dash and arrows stay out of the page's RSC payload, which
 * then stays a one-byte string (see components/back-link.tsx).
 */
export function TablePager({ first, last, total, page, pages, previous, next }: {
  first: number; last: number; total: number; page: number; pages: number; previous: Route | null; next: Route | null;
}) {
  return (
    <nav aria-label="Table pages" className="mt-3 flex flex-wrap items-center justify-between gap-2 text-sm">
      <span className="muted" data-testid="table-range">
        Rows {formatInteger(first)}–{formatInteger(last)} of {formatInteger(total)}
      </span>
      {pages > 1 ? (
        <span className="flex items-center gap-2">
          {previous ? <Link href={previous} scroll={false} className={button}>← Previous</Link> : null}
          <span>Page {page} of {pages}</span>
          {next ? <Link href={next} scroll={false} className={button}>Next →</Link> : null}
        </span>
      ) : null}
    </nav>
  );
}
