import 'server-only';
import { db } from '@/server/db';

/**
 * Active people who can own a deal's work (owner pickers): everyone internal, and the partner users
 * of the deal's own parties, named with their organization (issue 17).
 */
export async function findAssignablePeople(slug?: string): Promise<{ id: string; name: string }[]> {
  const rows = await db.user.findMany({
    where: {
      deactivatedAt: null,
      OR: [{ organizationId: null }, ...(slug ? [{ organization: { parties: { some: { partnership: { slug } } } } }] : [])],
    },
    orderBy: { name: 'asc' },
    select: { id: true, name: true, organization: { select: { shortName: true, name: true } } },
  });
  return rows.map((u) => ({ id: u.id, name: u.organization ? `${u.name} (${u.organization.shortName ?? u.organization.name})` : u.name }));
}
