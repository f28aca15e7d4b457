import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import type { Actor } from '@/server/auth/actor';

/**
 * What a reader may see of the deals: the ONE rule (issue 17, decision 009). Internal people read
 * every deal; a partner user reads only the partnerships their organization is a party to, and of
 * those only what is shared with partners: the record, shared milestones and checkpoints, rollout
 * status, shared notes. Every query that can return a partner's data builds its filter here, and
 * asking for anything outside it is a 404, never a 403 (no existence leak).
 *
 * tests/db/partner-access.test.ts compares these filters with an independent SQL definition.
 */
export type PartnerScope = { organizationId: string };

/** null: no restriction (internal people, the CLI, the system). */
export function partnerScope(actor: Actor): PartnerScope | null {
  if (actor.role !== 'PARTNER') return null;
  // A partner without an organization sees nothing (the database refuses such a row anyway).
  return { organizationId: actor.organizationId ?? '\u0000none' };
}

export function isPartner(actor: Actor): boolean {
  return actor.role === 'PARTNER';
}

export function visiblePartnershipWhere(actor: Actor): Prisma.PartnershipWhereInput {
  const scope = partnerScope(actor);
  return scope ? { parties: { some: { organizationId: scope.organizationId } } } : {};
}

export function visibleMilestoneWhere(actor: Actor): Prisma.MilestoneWhereInput {
  const scope = partnerScope(actor);
  return scope ? { sharedWithPartners: true, partnership: visiblePartnershipWhere(actor) } : {};
}

export function visibleCheckpointWhere(actor: Actor): Prisma.RegulatoryCheckpointWhereInput {
  const scope = partnerScope(actor);
  return scope ? { sharedWithPartners: true, partnership: visiblePartnershipWhere(actor) } : {};
}

export function visibleRolloutWhere(actor: Actor): Prisma.RolloutWhereInput {
  const scope = partnerScope(actor);
  return scope ? { partnership: visiblePartnershipWhere(actor) } : {};
}

/**
 * Notes a partner may read: shared ones in their deals. The thing a note is on must be visible too;
 * findNoteSubject (server/notes/subjects.ts) checks that with the filters above.
 */
export function visibleNoteWhere(actor: Actor): Prisma.NoteWhereInput {
  const scope = partnerScope(actor);
  return scope ? { sharedWithPartners: true, partnership: visiblePartnershipWhere(actor) } : {};
}

/** Milestones a partner may update: shared, in their deals, owned by someone of their organization. */
export function partnerEditableMilestoneWhere(actor: Actor): Prisma.MilestoneWhereInput {
  const scope = partnerScope(actor);
  return scope ? { ...visibleMilestoneWhere(actor), owner: { organizationId: scope.organizationId } } : {};
}
