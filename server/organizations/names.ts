import 'server-only';
import { db } from '@/server/db';

/** Every organization's name, for the party pickers. */
export async function findOrganizationNames(): Promise<string[]> {
  return (await db.organization.findMany({ orderBy: { name: 'asc' }, select: { name: true } })).map((o) => o.name);
}
