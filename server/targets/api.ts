import 'server-only';
import { putTargetsSchema, targetsQuerySchema } from '@/lib/schemas/targets';
import type { Actor } from '@/server/auth/actor';
import { readJson } from '@/server/api/handler';
import { BadParameterError } from '@/server/errors';
import { loadTargetContext } from './context';
import { saveTargets } from './mutations';
import { listTargets } from './queries';

const currentYear = () => new Date().getUTCFullYear();

/** GET /api/v1/partnerships/{slug}/targets?year=&metric=: monthly figures as numbers, like the metrics API. */
export async function getTargetsResponse(actor: Actor, slug: string, request: Request) {
  const parsed = targetsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const parameter = (issue.code === 'unrecognized_keys' ? issue.keys[0]! : String(issue.path[0] ?? '')).slice(0, 40) || '(empty name)';
    throw new BadParameterError(parameter, issue.code === 'unrecognized_keys' ? `Unknown parameter "${parameter}". Use year, metric.` : issue.message);
  }
  const { year = currentYear(), metric } = parsed.data;
  if (metric && !(await loadTargetContext(actor, slug)).metrics.has(metric)) throw new BadParameterError('metric', `Unknown metric "${metric}".`);
  const rows = await listTargets(actor, slug, year, metric);
  return { partnership: slug, year, targets: rows.map((r) => ({ ...r, value: Number(r.value) })) };
}

/** PUT /api/v1/partnerships/{slug}/targets: the same save as the page's grid. */
export async function putTargetsResponse(actor: Actor, slug: string, request: Request) {
  const body = await readJson(request, putTargetsSchema);
  const result = await saveTargets(actor, { partnershipSlug: slug, targets: body.targets });
  return { ...result, targets: result.targets.map((t) => ({ ...t, value: t.value === null ? null : Number(t.value) })) };
}
