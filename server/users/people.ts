import 'server-only';
import { db } from '@/server/db';

/** Active people who can own work (for owner pickers). */
export async function findAssignablePeople(): Promise<{ id: string; name: string }[]> {
  return db.user.findMany({ where: { deactivatedAt: null }, orderBy: { name: 'asc' }, select: { id: true, name: true } });
}
