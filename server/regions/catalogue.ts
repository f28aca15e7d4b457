import 'server-only';
import type { CreateRegionInput, UpdateRegionInput } from '@/lib/schemas/regions';
import { changedFields, recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { ConflictError, NotFoundError } from '@/server/errors';

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';
const codeTaken = (code: string, name: string) => new ConflictError(`The code ${code} is already used by ${name}. Each region has its own ISO code.`);

type RegionRow = { id: number; code: string; name: string; timeZone: string; version: number };
const plain = (r: { code: string; name: string; timeZone: string }) => ({ code: r.code, name: r.name, timeZone: r.timeZone });

/** Adds a region to the catalogue (administrators): ISO code, name, IANA time zone. */
export async function createRegion(actor: Actor, input: CreateRegionInput): Promise<RegionRow> {
  try {
    return await db.$transaction(async (tx) => {
      const existing = await tx.region.findUnique({ where: { code: input.code }, select: { name: true } });
      if (existing) throw codeTaken(input.code, existing.name);
      const row = await tx.region.create({ data: plain(input) });
      await recordAudit(tx, actor, { entityType: 'Region', entityId: String(row.id), action: 'region.created', after: plain(row) });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(input.code, 'another region');
    throw error;
  }
}

/**
 * Renames a region; its code and time zone change only while no partnership has metric values or
 * targets in it: those days are local calendar days of its zone, and imports name it by code.
 */
export async function updateRegion(actor: Actor, id: number, input: UpdateRegionInput): Promise<RegionRow> {
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.region.findUnique({ where: { id } });
      if (!row) throw new NotFoundError('No region with that id.');
      await assertVersion(tx, { type: 'Region', id: String(id), noun: 'region', version: row.version }, input.version, () => row);
      const diff = changedFields(plain(row), { code: input.code, name: input.name, timeZone: input.timeZone });
      if (!diff.changed) return row;
      if (diff.after.code !== undefined || diff.after.timeZone !== undefined) {
        // Lock the region row first: an import adding its first values waits for this to commit.
        await tx.$executeRaw`SELECT id FROM regions WHERE id = ${id} FOR UPDATE`;
        const values = await tx.metricValue.count({ where: { regionId: id } });
        const targets = await tx.metricTarget.count({ where: { regionId: id } });
        if (values + targets > 0) {
          const what = diff.after.code !== undefined && diff.after.timeZone !== undefined ? 'code and time zone' : diff.after.code !== undefined ? 'code' : 'time zone';
          throw new ConflictError(`${row.name} has metric values or targets, so its ${what} cannot change: their days are calendar days in ${row.timeZone}, and imports name the region ${row.code}. You can still rename it.`);
        }
        if (input.code && input.code !== row.code) {
          const clash = await tx.region.findUnique({ where: { code: input.code }, select: { name: true } });
          if (clash) throw codeTaken(input.code, clash.name);
        }
      }
      const updated = await tx.region.updateMany({ where: { id, version: input.version }, data: { ...diff.after, version: { increment: 1 } } });
      if (updated.count !== 1) throw lostRace('region');
      await recordAudit(tx, actor, { entityType: 'Region', entityId: String(id), action: 'region.updated', before: diff.before, after: diff.after });
      return tx.region.findUniqueOrThrow({ where: { id } });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(input.code ?? '', 'another region');
    throw error;
  }
}
