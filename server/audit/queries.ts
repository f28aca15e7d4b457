import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { addDays, dayToDate } from '@/lib/dates';
import type { AuditEntry } from '@/lib/audit';
import { entityTypeLabel } from '@/lib/audit-words';
import type { AuditFilter } from '@/lib/schemas/audit';
import { keptWhile } from '@/server/cache/versioned';
import { db } from '@/server/db';
import type { MetricAudience } from '@/server/access/metrics';
import { isPartner } from '@/server/access/scope';
import type { Actor } from '@/server/auth/actor';
import { actorNames, findNamesOf, presentAuditRows, rawRecord, referencedIds, withNames } from './present';
import { auditRedactor } from './redact';

export const AUDIT_PAGE_SIZE = 50;

/**
 * Newest first; `before` is the id of the last row of the previous page (keyset paging). Kept while
 * the content version is unchanged: every change writes its audit row, which bumps it. Kept per
 * reader too: `audience` (metricAudience of the reader) is in the key, and with the content version
 * (which the field policies and the roles' access bump) it fixes which values are confidential to
 * them (server/audit/redact.ts), so one reader's answer is never another's.
 */
export const findAuditEvents = keptWhile('content', 64, computeAuditEvents);

/**
 * Whose events a reader sees: everyone's, or a partner user's own only (issue 17: they never see
 * the audit trail beyond their own actions). null: no restriction.
 */
export function auditReaderScope(actor: Actor): string | null {
  return isPartner(actor) ? (actor.userId ?? '\u0000nobody') : null;
}

/**
 * Whose values a reader of the audit trail may see: every audit output takes it (issue 17, item 5).
 * Left out, it is the strictest (a partner's: no confidential value at all), never the widest.
 */
const NO_CONFIDENTIAL: MetricAudience = 'PARTNER';

async function computeAuditEvents(filter: AuditFilter, onlyActorId: string | null = null, audience: MetricAudience = NO_CONFIDENTIAL): Promise<{ rows: AuditEntry[]; nextBefore: string | null }> {
  const where: Prisma.AuditEventWhereInput = onlyActorId ? { actorId: onlyActorId } : {};
  if (filter.entityType) where.entityType = filter.entityType;
  if (filter.entityId) where.entityId = filter.entityId;
  // People are shown by name, so a name finds them as well as the email or token label.
  if (filter.actor) where.OR = [{ actorLabel: { contains: filter.actor, mode: 'insensitive' } }, { actor: { name: { contains: filter.actor, mode: 'insensitive' } } }];
  if (filter.from || filter.to) {
    // Days are UTC days here: audit instants are shown in UTC too.
    where.occurredAt = {
      ...(filter.from ? { gte: dayToDate(filter.from) } : {}),
      ...(filter.to ? { lt: dayToDate(addDays(filter.to, 1)) } : {}),
    };
  }
  if (filter.before) where.id = { lt: BigInt(filter.before) };
  const rows = await db.auditEvent.findMany({ where, orderBy: { id: 'desc' }, take: AUDIT_PAGE_SIZE + 1 });
  const page = rows.slice(0, AUDIT_PAGE_SIZE);
  return {
    rows: await presentAuditRows(page, audience),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? page.at(-1)!.id.toString() : null,
  };
}

/**
 * One event's raw record (the audit page's "Raw record", fetched when opened), with the values
 * confidential to the reader replaced by "confidential"; null when there is none.
 */
export async function findRawAuditRecord(id: string, onlyActorId: string | null = null, audience: MetricAudience = NO_CONFIDENTIAL): Promise<string | null> {
  if (!/^\d{1,18}$/.test(id)) return null;
  const row = await db.auditEvent.findUnique({ where: { id: BigInt(id) } });
  if (!row || (onlyActorId && row.actorId !== onlyActorId)) return null;
  return rawRecord((await auditRedactor(audience))(row));
}

/** The kinds of record in the trail, as filter options: the stored type and its label. */
export const findAuditEntityTypes = keptWhile('content', 16, computeAuditEntityTypes);

async function computeAuditEntityTypes(onlyActorId: string | null = null): Promise<{ value: string; label: string }[]> {
  const rows = await db.auditEvent.findMany({ where: onlyActorId ? { actorId: onlyActorId } : {}, distinct: ['entityType'], select: { entityType: true }, orderBy: { entityType: 'asc' } });
  return rows.map((r) => ({ value: r.entityType, label: entityTypeLabel(r.entityType) }));
}

export type HistoryEntry = {
  at: string; actor: string; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null;
  /** fields whose values are confidential to the reader: "confidential" in before and after */
  confidential: string[];
};

/** The audit history of several entities at once (newest first, at most `limit` each), as `audience` may see it. */
export async function findHistories(entityIds: string[], limit = 20, audience: MetricAudience = NO_CONFIDENTIAL): Promise<Map<string, HistoryEntry[]>> {
  const out = new Map<string, HistoryEntry[]>();
  if (!entityIds.length) return out;
  const redact = await auditRedactor(audience);
  const rows = (await db.auditEvent.findMany({ where: { entityId: { in: entityIds } }, orderBy: { id: 'desc' }, take: entityIds.length * limit })).map(redact);
  // People by name, dependencies and gates by title (issue 13, finding 2): the history prints values as given.
  const names = await findNamesOf([...new Set([...referencedIds(rows), ...rows.map((r) => r.actorId).filter((x): x is string => !!x)])]);
  for (const r of rows) {
    const list = out.get(r.entityId) ?? out.set(r.entityId, []).get(r.entityId)!;
    if (list.length < limit) {
      list.push({
        at: r.occurredAt.toISOString(), actor: actorNames(r, names), action: r.action,
        before: withNames(r.before as HistoryEntry['before'], names), after: withNames(r.after as HistoryEntry['after'], names), confidential: r.confidential,
      });
    }
  }
  return out;
}
