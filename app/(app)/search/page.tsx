import type { Metadata } from 'next';
import Link from '@/components/link';
import { buttonClass, inputClass } from '@/components/forms/form-message';
import { SearchResults } from '@/components/search/search-results';
import { EmptyState } from '@/components/ui/empty-state';
import { SEARCH_PAGE_SIZE } from '@/lib/search';
import { searchInputSchema } from '@/lib/schemas/search';
import { requirePagePermission } from '@/server/auth/require';
import { searchEverything } from '@/server/search/queries';

export const metadata: Metadata = { title: 'Search' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

/** All results for a query, a page at a time (the palette's "See all results"; issue 15). */
export default async function SearchPage({ searchParams }: Props) {
  const actor = await requirePagePermission('partnerships.read', { partners: 'scoped' }); // search scopes partners (issue 17)
  const params = await searchParams;
  const typed = one(params.q) ?? '';
  const parsed = typed.trim() ? searchInputSchema.safeParse({ q: typed, page: one(params.page) }) : null;
  const problem = parsed && !parsed.success ? parsed.error.issues.map((i) => i.message).join(' ') : null;
  const answer = parsed?.success ? await searchEverything(actor, parsed.data) : null;
  const pageHref = (page: number) => `/search?${new URLSearchParams({ q: answer!.query, page: String(page) })}`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Search</h1>
        <p className="mt-1 max-w-prose text-sm muted">
          Partnerships, organizations, milestones, regulatory checkpoints, regions, people, notes and document names. Part of a word is
          enough, and small typos are tolerated (“Alipy” finds Alipay). You see only what you may open. Ctrl K (⌘ K on a Mac) searches
          from any page.
        </p>
      </div>
      <form method="get" action="/search" role="search" className="flex flex-wrap items-end gap-2 card p-4">
        <div className="min-w-0 flex-1 basis-56">
          <label htmlFor="search-q" className="block text-xs font-medium">Search for</label>
          <input id="search-q" name="q" type="search" defaultValue={typed} required
            aria-invalid={problem ? true : undefined} aria-describedby={problem ? 'search-problem' : undefined} className={inputClass} />
        </div>
        <button type="submit" className={buttonClass}>Search</button>
      </form>
      {problem ? <p id="search-problem" role="alert" className="text-sm font-medium text-rose-700 dark:text-rose-300">{problem}</p> : null}
      {!answer ? null : answer.results.length === 0 ? (
        <EmptyState title={answer.page > 1 ? 'No more results' : `Nothing matches “${answer.query}”`}>
          Try fewer words, the start of a name, or another spelling. Deleted notes and milestones are not searched.
        </EmptyState>
      ) : (
        <>
          <SearchResults results={answer.results} query={answer.query} start={(answer.page - 1) * SEARCH_PAGE_SIZE + 1} />
          {answer.page > 1 || answer.hasMore ? (
            <nav aria-label="Result pages" className="flex items-center justify-between gap-4 text-sm">
              {answer.page > 1 ? <Link href={pageHref(answer.page - 1) as never} className="underline">← Previous page</Link> : <span />}
              <span className="muted">Page {answer.page}</span>
              {answer.hasMore ? <Link href={pageHref(answer.page + 1) as never} className="underline">Next page →</Link> : <span />}
            </nav>
          ) : (
            <p className="text-sm muted">{answer.results.length === 1 ? '1 result' : `${answer.results.length} results`}</p>
          )}
        </>
      )}
    </div>
  );
}
