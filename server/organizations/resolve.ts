import 'server-only';
import type { Prisma } from '@/generated/prisma/client';

type Tx = Prisma.TransactionClient;

/**
 * The organizations named as parties, found by name (case-insensitive) or created (kind Other,
 * to be completed on the organizations page). Returns them in the order given and the names of
 * those created, for the audit row of the command that named them.
 */
export async function resolveOrganizations(tx: Tx, names: string[]): Promise<{ ids: string[]; created: string[] }> {
  const ids: string[] = [];
  const created: string[] = [];
  for (const name of names) {
    const existing = await tx.organization.findFirst({ where: { name: { equals: name, mode: 'insensitive' } }, select: { id: true } });
    if (existing) {
      ids.push(existing.id);
      continue;
    }
    // ON CONFLICT: two deals naming the same new organization at once both end up with one row.
    const row = await tx.organization.upsert({ where: { name }, update: {}, create: { name }, select: { id: true, createdAt: true, updatedAt: true } });
    ids.push(row.id);
    created.push(name);
  }
  return { ids, created };
}
