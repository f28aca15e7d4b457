import 'server-only';
import { db } from '@/server/db';

/** Name and slug of one partnership, or null when the slug is unknown. */
export async function findPartnershipName(slug: string): Promise<{ id: string; slug: string; name: string } | null> {
  return db.partnership.findUnique({ where: { slug }, select: { id: true, slug: true, name: true } });
}

export async function findPartnershipList(): Promise<{ slug: string; name: string; stage: string }[]> {
  return db.partnership.findMany({ orderBy: { name: 'asc' }, select: { slug: true, name: true, stage: true } });
}
