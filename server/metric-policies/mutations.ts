import 'server-only';
import type { ConfidentialAccessInput, MetricPoliciesInput } from '@/lib/schemas/metric-policies';
import { ROLE_LABELS } from '@/lib/domain';
import { recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { isWriteConflict, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { ConflictError, NotFoundError, ValidationError } from '@/server/errors';
import { findConfidentialAccess, findMetricPolicies, type ConfidentialAccessDto, type MetricPoliciesDto } from './queries';

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/**
 * Sets which metrics of a partnership are shown to partners and which are confidential (issue 17).
 * Each metric carries the version the editor saw (0: on its defaults); one that moved since is
 * refused with 409 naming it, and nothing is saved. One audit row (`metric_policy.changed`) holds
 * every changed flag before and after. Who may see what is read on the next request: both tables
 * bump the content version (server/access/metrics.ts keeps the rules per version).
 */
export async function updateMetricPolicies(actor: Actor, slug: string, input: MetricPoliciesInput): Promise<MetricPoliciesDto> {
  try {
    await db.$transaction(async (tx) => {
      const partnership = await tx.partnership.findUnique({ where: { slug: slug.slice(0, 200) }, select: { id: true } });
      if (!partnership) throw new NotFoundError(`No partnership "${slug.slice(0, 200)}".`);
      const metrics = await tx.metric.findMany({
        where: { key: { in: input.policies.map((p) => p.metric) } },
        select: { id: true, key: true, sharedByDefault: true, confidentialByDefault: true },
      });
      const fieldErrors: Record<string, string[]> = {};
      input.policies.forEach((p, i) => {
        if (!metrics.some((m) => m.key === p.metric)) fieldErrors[`policies.${i}.metric`] = [`Unknown metric "${p.metric}".`];
      });
      if (Object.keys(fieldErrors).length) throw new ValidationError(Object.values(fieldErrors)[0]![0]!, fieldErrors);
      const rows = await tx.partnershipMetricPolicy.findMany({ where: { partnershipId: partnership.id }, select: { metricId: true, sharedWithPartners: true, confidential: true, version: true } });
      const before: Record<string, boolean> = {};
      const after: Record<string, boolean> = {};
      for (const p of input.policies) {
        const metric = metrics.find((m) => m.key === p.metric)!;
        const row = rows.find((r) => r.metricId === metric.id);
        if ((row?.version ?? 0) !== p.version) {
          throw new ConflictError(`The sharing of ${p.metric} was changed by someone else since you loaded it. Reload and try again.`);
        }
        const current = { sharedWithPartners: row?.sharedWithPartners ?? metric.sharedByDefault, confidential: row?.confidential ?? metric.confidentialByDefault };
        if (current.sharedWithPartners === p.sharedWithPartners && current.confidential === p.confidential) continue;
        const data = { sharedWithPartners: p.sharedWithPartners, confidential: p.confidential };
        if (row) {
          const moved = await tx.partnershipMetricPolicy.updateMany({ where: { partnershipId: partnership.id, metricId: metric.id, version: row.version }, data: { ...data, version: { increment: 1 } } });
          if (moved.count !== 1) throw lostRace(`sharing of ${p.metric}`);
        } else {
          await tx.partnershipMetricPolicy.create({ data: { partnershipId: partnership.id, metricId: metric.id, ...data } });
        }
        for (const flag of ['sharedWithPartners', 'confidential'] as const) {
          if (current[flag] === data[flag]) continue;
          const label = `${p.metric} ${flag === 'confidential' ? 'confidential' : 'shown to partners'}`;
          before[label] = current[flag];
          after[label] = data[flag];
        }
      }
      if (Object.keys(after).length) {
        await recordAudit(tx, actor, { entityType: 'Partnership', entityId: partnership.id, partnershipId: partnership.id, action: 'metric_policy.changed', before, after });
      }
    });
  } catch (error) {
    // Two first saves of the same metric at once: one creates the row, the other is told.
    if (isUniqueViolation(error) || isWriteConflict(error)) throw lostRace('sharing');
    throw error;
  }
  return findMetricPolicies(slug);
}

/** Which internal roles see confidential figures (an administrator; audited as `confidential_access.changed`). */
export async function updateConfidentialAccess(actor: Actor, input: ConfidentialAccessInput): Promise<ConfidentialAccessDto> {
  try {
    await db.$transaction(async (tx) => {
      const rows = await tx.confidentialAccess.findMany({ select: { role: true, allowed: true } });
      const before: Record<string, boolean> = {};
      const after: Record<string, boolean> = {};
      for (const { role, allowed } of input.roles) {
        const current = rows.find((r) => r.role === role)?.allowed ?? true;
        if (current === allowed) continue;
        await tx.confidentialAccess.upsert({ where: { role }, create: { role, allowed }, update: { allowed } });
        before[ROLE_LABELS[role]] = current;
        after[ROLE_LABELS[role]] = allowed;
      }
      if (Object.keys(after).length) {
        await recordAudit(tx, actor, { entityType: 'ConfidentialAccess', entityId: 'confidential-figures', action: 'confidential_access.changed', before, after });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error) || isWriteConflict(error)) throw lostRace('access to confidential figures');
    throw error;
  }
  return findConfidentialAccess();
}
