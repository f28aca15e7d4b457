import { z } from 'zod';
import { VIEW_NAME_MAX } from '@/lib/limits';
import { metricsQueryString, readMetricsQuery } from './metrics-api';
import { visibleName } from './organizations';
import { SLUG_PATTERN } from './partnerships';
import { portfolioParamsSchema } from './portfolio';
import { reference } from './text';

/**
 * Saved views (issue 16, item 3): the metrics explorer's or the portfolio's filters saved by name,
 * personal or shared with everyone. One schema per input, shared by the "Saved views" forms
 * (components/views) and the API (/api/v1/views). A view is its page's query string, so it is a URL.
 */
export const VIEW_KINDS = ['metrics', 'portfolio'] as const;
export type ViewKind = (typeof VIEW_KINDS)[number];

// The limit lives apart from zod, for the client forms that count it (lib/limits.ts).
export { VIEW_NAME_MAX };
/** The longest query a view keeps, before and after it is cleaned: an address stays a sensible URL. */
export const VIEW_QUERY_MAX = 2_000;

/**
 * The parameters each page reads; a view keeps these and drops the rest.
 * - metrics: app/(app)/partnerships/[slug]/metrics/page.tsx reads metric, region, from, to,
 *   granularity and mode (readMetricsQuery). format and download belong to the exports, page to
 *   the table's paging. `partnership` is the deal's web address: the explorer's address carries it
 *   in its path (/partnerships/<slug>/metrics), a view keeps it in its query so that it opens that
 *   deal's explorer (schema.prisma has no column for it, and needs none: a slug never changes).
 * - portfolio: app/(app)/page.tsx reads stage, health, sort, view and show (portfolioParamsSchema);
 *   page is paging.
 */
export const VIEW_PARAMETERS = {
  metrics: ['partnership', 'metric', 'region', 'from', 'to', 'granularity', 'mode'],
  portfolio: ['stage', 'health', 'sort', 'view', 'show'],
} as const satisfies Record<ViewKind, readonly string[]>;

// Metric and region may come several times (the explorer's checkboxes); the rest are read once.
const REPEATABLE = new Set<string>(['metric', 'region']);
// Any control character, tab and line breaks included: no address may carry one (proxy.ts refuses them).
const ANY_CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

const clip = (value: string) => (value.length > 40 ? `${value.slice(0, 40)}…` : value);

/**
 * The query a view keeps: the page's parameters in a fixed order (the partnership first), empty
 * values and every other parameter dropped. A metrics view must name its partnership. Either the
 * query or, in words, what is wrong with it.
 */
export function keepViewParameters(kind: ViewKind, raw: string): { query: string } | { problem: string } {
  const params = new URLSearchParams(raw.trim().replace(/^\?/, ''));
  const kept = new URLSearchParams();
  for (const name of VIEW_PARAMETERS[kind]) {
    const values = params.getAll(name).filter((v) => v !== '');
    for (const value of REPEATABLE.has(name) ? values : values.slice(0, 1)) {
      if (ANY_CONTROL.test(value)) return { problem: `The parameter "${name}" contains control characters, which no filter accepts.` };
      kept.append(name, value);
    }
  }
  if (kind === 'metrics') {
    const slug = kept.get('partnership');
    if (!slug) return { problem: 'A metrics view belongs to a partnership: start its query with partnership= and the deal’s web address, like partnership=apple-pay-alipay&granularity=week.' };
    if (slug.length > 80 || !SLUG_PATTERN.test(slug)) return { problem: `“${clip(slug)}” is not a partnership’s web address (lower-case letters, digits and hyphens, like apple-pay-alipay).` };
  }
  const query = kept.toString();
  if (query.length > VIEW_QUERY_MAX) return { problem: `These filters make an address longer than ${VIEW_QUERY_MAX.toLocaleString('en-US')} characters: choose fewer.` };
  return { query };
}

/** The page a view opens: its address with its query ("/?stage=SIGNED", "/partnerships/<slug>/metrics?…"). */
export function viewHref(kind: ViewKind, query: string): string {
  const params = new URLSearchParams(query);
  if (kind === 'portfolio') return query ? `/?${params.toString()}` : '/';
  const slug = params.get('partnership') ?? '';
  params.delete('partnership'); // in the path, not the query: the explorer names unknown parameters
  const rest = params.toString();
  return `/partnerships/${encodeURIComponent(slug)}/metrics${rest ? `?${rest}` : ''}`;
}

/**
 * A view's query as its page understands it, so that two addresses showing the same thing compare
 * equal ("metric=a&metric=b" and "metric=b,a"; the portfolio with and without sort=health). Only to
 * compare: what is stored is what was saved.
 */
export function canonicalViewQuery(kind: ViewKind, query: string): string {
  const kept = keepViewParameters(kind, query);
  const params = new URLSearchParams('query' in kept ? kept.query : '');
  if (kind === 'portfolio') {
    const p = portfolioParamsSchema.parse(Object.fromEntries(params));
    const parts: [string, string | undefined][] = [
      ['stage', p.stage], ['health', p.health], ['sort', p.sort === 'health' ? undefined : p.sort], ['view', p.view === 'table' ? undefined : p.view], ['show', p.show],
    ];
    return new URLSearchParams(parts.filter((e): e is [string, string] => !!e[1])).toString();
  }
  const slug = params.get('partnership') ?? '';
  params.delete('partnership');
  const q = readMetricsQuery(params).query;
  return `partnership=${slug}&${metricsQueryString({ ...q, metrics: [...q.metrics].sort(), regions: [...q.regions].sort() })}`;
}

/** Whether a saved view shows what the page shows now (the "Saved views" list marks it). */
export function sameViewQuery(kind: ViewKind, a: string, b: string): boolean {
  return canonicalViewQuery(kind, a) === canonicalViewQuery(kind, b);
}

export const viewKind = z.enum(VIEW_KINDS, { error: 'A view is of the metrics explorer ("metrics") or of the portfolio ("portfolio").' });

/** A view's name: one line, 1–120 characters, no control characters or invisible direction marks (a name is unique per person). */
export const viewName = visibleName('The name', VIEW_NAME_MAX);

const SHARED_WORDS = new Map<string, boolean>([['on', true], ['true', true], ['1', true], ['off', false], ['false', false], ['0', false], ['', false]]);
/** true (everyone sees the view) or false (only its owner); a form's checkbox sends "on" or nothing. */
export const viewShared = z.preprocess(
  (v) => (typeof v === 'string' ? (SHARED_WORDS.get(v.trim().toLowerCase()) ?? v) : v),
  z.boolean({ error: 'Shared is true (everyone sees the view) or false (only you do).' }),
);

/** The page's query string, without "?" (one is tolerated): at most 2,000 characters, no control characters. */
export const viewQueryText = z
  .string({ error: 'The query must be text: the page’s query string, like granularity=week&mode=cumulative.' })
  .trim()
  .max(VIEW_QUERY_MAX, `The query has at most ${VIEW_QUERY_MAX.toLocaleString('en-US')} characters.`)
  .refine((v) => !ANY_CONTROL.test(v), 'The query cannot contain control characters or line breaks.');

/** POST /api/v1/views and "Save this view": `{ name, kind, shared?, query? }`; the query is cleaned for its kind. */
export const createViewSchema = z
  .object({ name: viewName, kind: viewKind, shared: viewShared.default(false), query: viewQueryText.default('') })
  .transform((v, ctx) => {
    const kept = keepViewParameters(v.kind, v.query);
    if ('problem' in kept) {
      ctx.addIssue({ code: 'custom', path: ['query'], message: kept.problem });
      return z.NEVER;
    }
    return { ...v, query: kept.query };
  });

/**
 * PATCH /api/v1/views/<id> and the edit form: `{ name?, shared?, query?, version? }`. The query is
 * cleaned against the view's own kind (server/views/mutations.ts); a stale `version` is a 409.
 */
export const updateViewSchema = z.object({
  name: viewName.optional(),
  shared: viewShared.optional(),
  query: viewQueryText.optional(),
  version: z.coerce.number({ error: 'Send the version you edited (an integer).' }).int('Send the version you edited (an integer).').min(1, 'Send the version you edited (an integer).').optional(),
});

export const viewIdSchema = z.object({ id: reference('saved view') });

/** GET /api/v1/views?kind=metrics|portfolio&partnership=<slug>: both optional. */
export const viewListSchema = z.object({
  kind: viewKind.optional(),
  partnership: z
    .string()
    .max(80, 'That is not a partnership’s web address.')
    .regex(SLUG_PATTERN, 'That is not a partnership’s web address (lower-case letters, digits and hyphens, like apple-pay-alipay).')
    .optional(),
});

/** Reads the list's filters from an address (an empty parameter is no filter). */
export function viewListFrom(params: URLSearchParams) {
  return viewListSchema.safeParse({ kind: params.get('kind') || undefined, partnership: params.get('partnership') || undefined });
}

export type CreateViewInput = z.infer<typeof createViewSchema>;
export type UpdateViewInput = z.infer<typeof updateViewSchema>;
