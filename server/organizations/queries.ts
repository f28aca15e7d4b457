import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { OrganizationKind } from '@/lib/domain';
import { countryName } from '@/lib/places';
import { db } from '@/server/db';

export const ORGANIZATION_SELECT = {
  id: true, name: true, kind: true, country: true, website: true, version: true,
  parties: { select: { role: true, partnership: { select: { slug: true, name: true } } }, orderBy: { partnership: { name: 'asc' } } },
} satisfies Prisma.OrganizationSelect;

type Row = Prisma.OrganizationGetPayload<{ select: typeof ORGANIZATION_SELECT }>;

/** An organization as the list, the edit page and the API show it, with the deals it is a party to. */
export type OrganizationDto = {
  id: string;
  name: string;
  kind: OrganizationKind;
  country: string | null;
  countryName: string | null;
  website: string | null;
  version: number;
  deals: { slug: string; name: string; role: string }[];
};

export function toOrganizationDto(r: Row): OrganizationDto {
  return {
    id: r.id, name: r.name, kind: r.kind, country: r.country, countryName: r.country ? countryName(r.country) : null, website: r.website,
    version: r.version, deals: r.parties.map((p) => ({ slug: p.partnership.slug, name: p.partnership.name, role: p.role })),
  };
}

export async function findOrganizations(): Promise<OrganizationDto[]> {
  const rows = await db.organization.findMany({ select: ORGANIZATION_SELECT, orderBy: { name: 'asc' } });
  // Alphabetical as a reader expects it ("eBay" between "Discover" and "Fiserv"), not by code point.
  return rows.map(toOrganizationDto).sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

export async function findOrganization(id: string): Promise<OrganizationDto | null> {
  const row = await db.organization.findUnique({ where: { id: id.slice(0, 64) }, select: ORGANIZATION_SELECT });
  return row ? toOrganizationDto(row) : null;
}
