import 'server-only';
import { keptWhile } from '@/server/cache/versioned';
import { db } from '@/server/db';
import type { MetricAudience } from './metrics';

/**
 * May this audience see what is marked confidential: the ONE role rule (issue 17, item 5) for
 * confidential metrics (./metrics.ts) and confidential fields of a partnership (./fields.ts).
 * - operators at the CLI and the system: yes;
 * - partners: never;
 * - internal roles: yes, unless an administrator unticked the role under "Confidential figures"
 *   (`confidential_access`; no row: allowed).
 * Kept while the content version is unchanged: `confidential_access` bumps it.
 */
export const confidentialAllowed: (audience: MetricAudience) => Promise<boolean> = keptWhile('content', 8, async (audience: MetricAudience) => {
  if (audience === 'all') return true;
  if (audience === 'PARTNER') return false;
  const access = await db.confidentialAccess.findUnique({ where: { role: audience }, select: { allowed: true } });
  return access?.allowed ?? true;
});
