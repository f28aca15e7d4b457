import Link from '@/components/link';
import { SEARCH_KIND_LABELS, type SearchResult } from '@/lib/search';
import { Marked } from './marked';

/** The results page's list: kind, title (a link to its page), where it lives, the words around the match. */
export function SearchResults({ results, query, start }: { results: SearchResult[]; query: string; start: number }) {
  return (
    <ol start={start} className="divide-y divide-slate-100 card dark:divide-slate-800">
      {results.map((r) => (
        <li key={`${r.kind}-${r.id}`} className="px-4 py-3">
          <div className="flex flex-wrap items-baseline gap-x-2 gap-y-1">
            <span className="shrink-0 rounded bg-slate-100 px-1.5 text-xs font-medium text-slate-700 dark:bg-slate-800 dark:text-slate-200">{SEARCH_KIND_LABELS[r.kind]}</span>
            <h2 className="min-w-0 text-sm font-medium">
              {r.href === null ? (
                <Marked text={r.title} query={query} />
              ) : r.href.startsWith('/api/') ? (
                // A document: the file itself (Content-Disposition: attachment).
                <a href={r.href} className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"><Marked text={r.title} query={query} /><span className="sr-only"> (download)</span></a>
              ) : (
                <Link href={r.href as never} className="text-brand-700 underline-offset-2 hover:underline dark:text-brand-300"><Marked text={r.title} query={query} /></Link>
              )}
            </h2>
          </div>
          <p className="mt-0.5 text-xs muted"><bdi>{r.where}</bdi></p>
          {r.snippet ? <p className="mt-1 text-sm ink"><Marked text={r.snippet} query={query} /></p> : null}
        </li>
      ))}
    </ol>
  );
}
