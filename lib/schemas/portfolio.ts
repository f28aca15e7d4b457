import type { Route } from 'next';
import { z } from 'zod';
import { PARTNERSHIP_STAGES } from '@/lib/domain';

export const PORTFOLIO_SORTS = ['health', 'name', 'stage', 'next'] as const;
export const PORTFOLIO_VIEWS = ['table', 'board'] as const;
export const portfolioParamsSchema = z.object({
  stage: z.enum(PARTNERSHIP_STAGES).optional().catch(undefined),
  health: z.enum(['on-track', 'watch', 'at-risk']).optional().catch(undefined),
  sort: z.enum(PORTFOLIO_SORTS).optional().catch(undefined),
  // The table or the pipeline board (issue 12, item 4); the table when absent.
  view: z.enum(PORTFOLIO_VIEWS).optional().catch(undefined),
  // Ended partnerships are archived: shown only with ?show=ended (or the stage filter set to Ended).
  show: z.enum(['ended']).optional().catch(undefined),
  // The table's page (issue 14: a portfolio of 500 partnerships is not one 5 MB page).
  page: z.coerce.number().int().min(1).max(100_000).optional().catch(undefined),
});

/** Rows of the portfolio table per page. */
export const PORTFOLIO_PAGE_SIZE = 25;
export type PortfolioParams = z.infer<typeof portfolioParamsSchema>;

/** Whether the archive (Ended partnerships) is part of the view. */
export function includesEnded(params: PortfolioParams): boolean {
  return params.show === 'ended' || params.stage === 'ENDED';
}

/**
 * The portfolio's query string for these params (defaults left out), with some changed. Any change
 * but the page itself starts again from the first page.
 */
export function portfolioHref(params: PortfolioParams, change: Partial<PortfolioParams> = {}): Route {
  const merged: Record<string, string | number | undefined> = { ...params, ...change };
  if (merged.view === 'table') delete merged.view;
  if (!('page' in change) || merged.page === 1) delete merged.page;
  const query = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string | number] => !!e[1]).map(([k, v]) => [k, String(v)])).toString();
  return (query ? `/?${query}` : '/') as Route;
}
