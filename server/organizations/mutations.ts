import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { CreateOrganizationInput, DeleteOrganizationInput, UpdateOrganizationInput } from '@/lib/schemas/organizations';
import { changedFields, recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { ConflictError, NotFoundError, UserFacingError } from '@/server/errors';
import { ORGANIZATION_SELECT, toOrganizationDto, type OrganizationDto } from './queries';

type Tx = Prisma.TransactionClient;

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';
const isForeignKeyViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2003';
const nameTaken = (name: string, existing: string) =>
  new ConflictError(`An organization named "${existing}" already exists${existing === name ? '' : ` (names are compared ignoring case: "${name}")`}. Choose another name, or edit that organization.`);

/**
 * Names are unique ignoring case ("Alipay" and "ALIPAY" are one company), but the index is on the
 * exact name (schema.prisma is not ours to change here). Creates and renames therefore take one
 * transaction-scoped advisory lock, then compare with lower(), so two people adding "Alipay" and
 * "ALIPAY" at the same moment get one row and one 409. The exact index still refuses what slips
 * past (partnership forms create organizations by name, server/organizations/resolve.ts, without
 * this lock).
 */
async function assertNameFree(tx: Tx, name: string, exceptId: string | null): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('accord.organizations.name'))`;
  const [clash] = await tx.$queryRaw<{ name: string }[]>`
    SELECT name FROM organizations WHERE lower(name) = lower(${name}) AND id IS DISTINCT FROM ${exceptId} LIMIT 1`;
  if (clash) throw nameTaken(name, clash.name);
}

const plain = (o: { name: string; kind: string; country: string | null; website: string | null }) => ({ name: o.name, kind: o.kind, country: o.country, website: o.website });

export async function createOrganization(actor: Actor, input: CreateOrganizationInput): Promise<OrganizationDto> {
  try {
    return await db.$transaction(async (tx) => {
      await assertNameFree(tx, input.name, null);
      const data = { name: input.name, kind: input.kind, country: input.country ?? null, website: input.website ?? null };
      const row = await tx.organization.create({ data, select: ORGANIZATION_SELECT });
      await recordAudit(tx, actor, { entityType: 'Organization', entityId: row.id, action: 'organization.created', after: plain(data) });
      return toOrganizationDto(row);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name, input.name);
    throw error;
  }
}

/** Edits name, kind, country and website if nobody changed the organization since `version`. */
export async function updateOrganization(actor: Actor, id: string, input: UpdateOrganizationInput): Promise<OrganizationDto> {
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.organization.findUnique({ where: { id }, select: ORGANIZATION_SELECT });
      if (!row) throw new NotFoundError('No organization with that id.');
      await assertVersion(tx, { type: 'Organization', id, noun: 'organization', version: row.version }, input.version, () => toOrganizationDto(row));
      const next = {
        name: input.name ?? row.name,
        kind: input.kind ?? row.kind,
        country: input.country === undefined ? row.country : input.country,
        website: input.website === undefined ? row.website : input.website,
      };
      const diff = changedFields(plain(row), next);
      if (!diff.changed) return toOrganizationDto(row);
      if (diff.after.name !== undefined) await assertNameFree(tx, next.name, id);
      const updated = await tx.organization.updateMany({ where: { id, version: input.version }, data: { ...next, version: { increment: 1 } } });
      if (updated.count !== 1) throw lostRace('organization');
      await recordAudit(tx, actor, { entityType: 'Organization', entityId: id, action: 'organization.updated', before: diff.before, after: diff.after });
      return toOrganizationDto(await tx.organization.findUniqueOrThrow({ where: { id }, select: ORGANIZATION_SELECT }));
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(input.name ?? '', input.name ?? '');
    throw error;
  }
}

/** Deletes an organization that is a party to no deal; otherwise the refusal names the deals. */
export async function deleteOrganization(actor: Actor, input: DeleteOrganizationInput): Promise<{ id: string; name: string }> {
  try {
    return await db.$transaction(async (tx) => {
      const row = await tx.organization.findUnique({ where: { id: input.id }, select: ORGANIZATION_SELECT });
      if (!row) throw new NotFoundError('No organization with that id.');
      await assertVersion(tx, { type: 'Organization', id: row.id, noun: 'organization', version: row.version }, input.version, () => toOrganizationDto(row));
      if (row.parties.length) {
        const n = row.parties.length;
        const deals = row.parties.map((p) => p.partnership.name).join(', ');
        throw new UserFacingError(409, `${row.name} is a party to ${n === 1 ? 'a partnership' : `${n} partnerships`} (${deals}), so it cannot be deleted. Remove it from ${n === 1 ? 'that deal' : 'those deals'} first.`, {
          deals: row.parties.map((p) => ({ slug: p.partnership.slug, name: p.partnership.name })),
        });
      }
      // Its partner users and invitations (issue 17) keep it too: they would lose their organization.
      const members = await tx.user.count({ where: { organizationId: row.id } });
      const invitations = await tx.invitation.count({ where: { organizationId: row.id } });
      if (members || invitations) {
        const what = [members ? `${members} partner user${members === 1 ? '' : 's'}` : '', invitations ? `${invitations} invitation${invitations === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ');
        throw new UserFacingError(409, `${row.name} has ${what}, so it cannot be deleted. Deactivate its people instead; the record of who they were stays.`);
      }
      const deleted = await tx.organization.deleteMany({ where: { id: row.id, version: input.version } });
      if (deleted.count !== 1) throw lostRace('organization');
      await recordAudit(tx, actor, { entityType: 'Organization', entityId: row.id, action: 'organization.deleted', before: plain(row) });
      return { id: row.id, name: row.name };
    });
  } catch (error) {
    // A deal named it as a party between our read and the delete: the foreign key (Restrict) refuses.
    if (isForeignKeyViolation(error)) throw new ConflictError('This organization was just named as a party to a deal, so it cannot be deleted. Reload to see which.');
    throw error;
  }
}
