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
});
export type PortfolioParams = z.infer<typeof portfolioParamsSchema>;

/** Whether the archive (Ended partnerships) is part of the view. */
export function includesEnded(params: PortfolioParams): boolean {
  return params.show === 'ended' || params.stage === 'ENDED';
}

/** The portfolio's query string for these params (defaults left out), with some changed. */
export function portfolioHref(params: PortfolioParams, change: Partial<PortfolioParams> = {}): Route {
  const merged: Record<string, string | undefined> = { ...params, ...change };
  if (merged.view === 'table') delete merged.view;
  const query = new URLSearchParams(Object.entries(merged).filter((e): e is [string, string] => !!e[1])).toString();
  return (query ? `/?${query}` : '/') as Route;
}
