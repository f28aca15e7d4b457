import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { addDays, dayToDate } from '@/lib/dates';
import type { AuditRow } from '@/lib/audit';
import type { AuditFilter } from '@/lib/schemas/audit';
import { db } from '@/server/db';

export type { AuditRow };

export const AUDIT_PAGE_SIZE = 50;

/** Newest first; `before` is the id of the last row of the previous page (keyset paging). */
export async function findAuditEvents(filter: AuditFilter): Promise<{ rows: AuditRow[]; nextBefore: string | null }> {
  const where: Prisma.AuditEventWhereInput = {};
  if (filter.entityType) where.entityType = filter.entityType;
  if (filter.entityId) where.entityId = filter.entityId;
  if (filter.actor) where.actorLabel = { contains: filter.actor, mode: 'insensitive' };
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
    rows: page.map((r) => ({
      id: r.id.toString(),
      occurredAt: r.occurredAt.toISOString(),
      actor: r.actorLabel,
      entityType: r.entityType,
      entityId: r.entityId,
      action: r.action,
      before: r.before,
      after: r.after,
      context: r.context,
    })),
    nextBefore: rows.length > AUDIT_PAGE_SIZE ? page.at(-1)!.id.toString() : null,
  };
}

export async function findAuditEntityTypes(): Promise<string[]> {
  const rows = await db.auditEvent.findMany({ distinct: ['entityType'], select: { entityType: true }, orderBy: { entityType: 'asc' } });
  return rows.map((r) => r.entityType);
}

export type HistoryEntry = { at: string; actor: string; action: string; before: Record<string, unknown> | null; after: Record<string, unknown> | null };

/** The audit history of several entities at once (newest first, at most `limit` each). */
export async function findHistories(entityIds: string[], limit = 20): Promise<Map<string, HistoryEntry[]>> {
  const out = new Map<string, HistoryEntry[]>();
  if (!entityIds.length) return out;
  const rows = await db.auditEvent.findMany({ where: { entityId: { in: entityIds } }, orderBy: { id: 'desc' }, take: entityIds.length * limit });
  for (const r of rows) {
    const list = out.get(r.entityId) ?? out.set(r.entityId, []).get(r.entityId)!;
    if (list.length < limit) {
      list.push({ at: r.occurredAt.toISOString(), actor: r.actorLabel, action: r.action, before: r.before as HistoryEntry['before'], after: r.after as HistoryEntry['after'] });
    }
  }
  return out;
}
