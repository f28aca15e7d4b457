import { z } from 'zod';
import { PARTNERSHIP_STAGES } from '@/lib/domain';

export const PORTFOLIO_SORTS = ['health', 'name', 'stage', 'next'] as const;
export const portfolioParamsSchema = z.object({
  stage: z.enum(PARTNERSHIP_STAGES).optional().catch(undefined),
  health: z.enum(['on-track', 'watch', 'at-risk']).optional().catch(undefined),
  sort: z.enum(PORTFOLIO_SORTS).optional().catch(undefined),
});
export type PortfolioParams = z.infer<typeof portfolioParamsSchema>;
