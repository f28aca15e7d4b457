import 'server-only';
import { db } from '@/server/db';
import { lookupHash } from './token';

// Partner users and their invitations (issue 17). Plain objects for the partners page and the API.

export type InvitationState = 'pending' | 'accepted' | 'revoked' | 'expired';

export type InvitationRow = {
  id: string;
  email: string;
  name: string;
  organization: { id: string; name: string };
  invitedBy: string | null;
  state: InvitationState;
  createdAt: string;
  expiresAt: string;
  acceptedAt: string | null;
  revokedAt: string | null;
};

export type PartnerPerson = {
  id: string;
  email: string;
  name: string;
  organization: { id: string; name: string };
  active: boolean;
  version: number;
  lastSignInAt: string | null;
  createdAt: string;
};

type StateFields = { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date };

/** Accepted or revoked is final; otherwise it is pending until it expires. */
export function invitationState(i: StateFields, now: Date): InvitationState {
  if (i.acceptedAt) return 'accepted';
  if (i.revokedAt) return 'revoked';
  return i.expiresAt.getTime() <= now.getTime() ? 'expired' : 'pending';
}

const INVITATION_SELECT = {
  id: true, email: true, name: true, createdAt: true, expiresAt: true, acceptedAt: true, revokedAt: true,
  organization: { select: { id: true, name: true } },
  invitedBy: { select: { name: true } },
} as const;

type Selected = StateFields & {
  id: string; email: string; name: string; createdAt: Date;
  organization: { id: string; name: string }; invitedBy: { name: string } | null;
};

function toRow(i: Selected, now: Date): InvitationRow {
  return {
    id: i.id, email: i.email, name: i.name, organization: i.organization, invitedBy: i.invitedBy?.name ?? null,
    state: invitationState(i, now), createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString(),
    acceptedAt: i.acceptedAt?.toISOString() ?? null, revokedAt: i.revokedAt?.toISOString() ?? null,
  };
}

/** Invitations, newest first: `pending` only those still open (the partners page), or every state (the API). */
export async function findInvitations(options: { pendingOnly?: boolean; now?: Date; limit?: number } = {}): Promise<InvitationRow[]> {
  const now = options.now ?? new Date();
  const rows = await db.invitation.findMany({
    where: options.pendingOnly ? { acceptedAt: null, revokedAt: null, expiresAt: { gt: now } } : {},
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: options.limit ?? 500,
    select: INVITATION_SELECT,
  });
  return rows.map((r) => toRow(r, now));
}

/** What the public page of a link shows: who invited whom, for which organization; null for a link that is not ours. */
export async function findInvitationForLink(token: string, now = new Date()): Promise<InvitationRow | null> {
  const tokenHash = lookupHash(token);
  if (!tokenHash) return null;
  const row = await db.invitation.findUnique({ where: { tokenHash }, select: INVITATION_SELECT });
  return row ? toRow(row, now) : null;
}

/** People of partner organizations: active first, then by organization and name. */
export async function findPartnerPeople(): Promise<PartnerPerson[]> {
  const users = await db.user.findMany({
    where: { role: 'PARTNER' },
    orderBy: [{ deactivatedAt: { sort: 'asc', nulls: 'first' } }, { organization: { name: 'asc' } }, { name: 'asc' }],
    select: {
      id: true, email: true, name: true, deactivatedAt: true, version: true, lastSignInAt: true, createdAt: true,
      organization: { select: { id: true, name: true } },
    },
  });
  return users.map((u) => ({
    id: u.id, email: u.email, name: u.name,
    // The database's CHECK keeps a partner's organization set; the fallback only satisfies the type.
    organization: u.organization ?? { id: '', name: 'No organization' },
    active: u.deactivatedAt === null, version: u.version,
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null, createdAt: u.createdAt.toISOString(),
  }));
}

/** The organizations a person may be invited for, by name. */
export async function findInvitableOrganizations(): Promise<{ id: string; name: string }[]> {
  const rows = await db.organization.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } });
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}
