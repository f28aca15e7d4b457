import { z } from 'zod';
import { SEARCH_MAX_LIMIT, SEARCH_MAX_PAGE, SEARCH_PAGE_SIZE, SEARCH_QUERY_MAX } from '@/lib/search';
import { singleLine } from './text';

// GET /api/v1/search and the results page (issue 15). What a result looks like: lib/search.ts.

const whole = (label: string, min: number, max: number) =>
  z.coerce
    .number({ error: `${label} must be a whole number from ${min} to ${max}.` })
    .int(`${label} must be a whole number from ${min} to ${max}.`)
    .min(min, `${label} must be a whole number from ${min} to ${max}.`)
    .max(max, `${label} must be a whole number from ${min} to ${max}.`);

/** The words searched for: trimmed, 1..200 characters, no control characters; runs of spaces become one. */
export const searchQuery = singleLine('The search', SEARCH_QUERY_MAX).transform((q) => q.replace(/\s+/g, ' '));

/** GET /api/v1/search and the results page: `q`, `page` (from 1), `limit`. */
export const searchInputSchema = z.object({
  q: searchQuery,
  page: whole('The page', 1, SEARCH_MAX_PAGE).default(1),
  limit: whole('The limit', 1, SEARCH_MAX_LIMIT).default(SEARCH_PAGE_SIZE),
});

export type SearchInput = z.infer<typeof searchInputSchema>;

/** Reads the input from an address's query (a missing parameter takes its default). */
export function searchInputFrom(params: URLSearchParams) {
  const value = (name: string) => params.get(name) ?? undefined;
  return searchInputSchema.safeParse({ q: params.get('q') ?? '', page: value('page'), limit: value('limit') });
}
