/** What search finds (issue 15), in the order a tie in rank is broken, and in the UI's words. */
export const SEARCH_KINDS = ['partnership', 'organization', 'checkpoint', 'milestone', 'region', 'person', 'document', 'note'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

export const SEARCH_KIND_LABELS: Record<SearchKind, string> = {
  partnership: 'Partnership', organization: 'Organization', checkpoint: 'Checkpoint', milestone: 'Milestone',
  region: 'Region', person: 'Person', document: 'Document', note: 'Note',
};

// Limits of GET /api/v1/search (lib/schemas/search.ts). Here, not there: the palette is on every page
// and must not bring zod with it.
export const SEARCH_QUERY_MAX = 200;
/** The palette asks for a few; the API and the results page page by this many. */
export const SEARCH_PALETTE_LIMIT = 12;
export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_MAX_LIMIT = 50;
/** Pages past this are refused: nobody reads result 500, and each page re-ranks all before it. */
export const SEARCH_MAX_PAGE = 25;

/** One result, as the API, the palette and the results page show it. */
export type SearchResult = {
  kind: SearchKind;
  id: string;
  title: string;
  /** Where the words matched, shortened around them (plain text); null when the title is the match. */
  snippet: string | null;
  /** Where it lives: "Apple Pay × Alipay › Regulatory board". */
  where: string;
  /** Its page (or the file, for a document); null for a person when the reader manages no one. */
  href: string | null;
  /** Higher is closer; comparable within one answer only. */
  score: number;
};

export type SearchAnswer = { query: string; page: number; results: SearchResult[]; hasMore: boolean };

/**
 * Splits `text` into the parts that hold one of the query's words (case-insensitive) and the rest,
 * for <mark>. Only exact substrings are marked; a typo-tolerant match simply shows unmarked.
 */
export function markWords(text: string, query: string): { text: string; hit: boolean }[] {
  const words = [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]{2,}/gu) ?? [])].slice(0, 8);
  if (!words.length) return [{ text, hit: false }];
  const escaped = words.sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = text.split(new RegExp(`(${escaped.join('|')})`, 'giu'));
  return parts.filter((part) => part !== '').map((part) => ({ text: part, hit: words.includes(part.toLowerCase()) }));
}
