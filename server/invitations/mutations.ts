import 'server-only';
import { formatInstant } from '@/lib/format-time';
import { INVITATION_DAYS, type AcceptInvitationInput, type InviteInput } from '@/lib/schemas/invitations';
import { recordAudit } from '@/server/audit/record';
import { userActor, type Actor } from '@/server/auth/actor';
import { hashPassword } from '@/server/auth/password';
import { db } from '@/server/db';
import { ConflictError, GoneError, NotFoundError, ValidationError } from '@/server/errors';
import { absoluteUrl, mailConfig } from '@/server/mail/config';
import { queueMail, type Mail } from '@/server/mail/outbox';
import { esc } from '@/server/subscriptions/mail-layout';
import { deactivateUser, EMAIL_TAKEN, insertUser, reactivateUser } from '@/server/users/mutations';
import { invitationState, type InvitationState } from './queries';
import { invitationPath, lookupHash, newInvitationToken } from './token';

// Invitations of partner users (issue 17): one-time links, single use, valid 7 days, stored hashed.
// `now` is a parameter so tests can move the clock past an expiry.

const DAY_MS = 86_400_000;

/** Why a link no longer works, in words the invitee can act on (410: it existed and is gone). */
export const GONE: Record<Exclude<InvitationState, 'pending'>, string> = {
  accepted: 'This invitation has already been used: sign in with the email and password chosen then.',
  revoked: 'This invitation was withdrawn. Ask the person who invited you for a new one.',
  expired: `This invitation has expired (links work for ${INVITATION_DAYS} days). Ask the person who invited you for a new one.`,
};
export const NOT_AN_INVITATION = 'This invitation link is not valid: it may have been cut when it was copied. Open the link from the mail again, or ask for a new one.';

export type Invited = { id: string; email: string; name: string; organization: string; link: string; token: string; expiresAt: string };

/**
 * Invites someone of an existing organization. Refused (409) for an email that already has an
 * account or a pending invitation. The link is returned once (to be shown to copy) and mailed
 * through the outbox in the same transaction.
 */
export async function invitePartner(actor: Actor, input: InviteInput, now = new Date()): Promise<Invited> {
  const { token, tokenHash } = newInvitationToken();
  const expiresAt = new Date(now.getTime() + INVITATION_DAYS * DAY_MS);
  return db.$transaction(async (tx) => {
    // Two invitations of one address at the same moment: the second waits here, then sees the first.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`accord.invitation:${input.email}`}))`;
    const organization = await tx.organization.findUnique({ where: { id: input.organizationId }, select: { id: true, name: true } });
    if (!organization) {
      throw new ValidationError('Choose an organization from the list.', { organizationId: ['That organization does not exist (it may have just been deleted): reload the page.'] });
    }
    const account = await tx.user.findUnique({ where: { email: input.email }, select: { deactivatedAt: true } });
    if (account) {
      throw new ConflictError(account.deactivatedAt
        ? `${input.email} already has an account, which is deactivated: reactivate it instead of inviting them again.`
        : `${input.email} already has an active account: they can sign in as they are.`);
    }
    const pending = await tx.invitation.findFirst({
      where: { email: input.email, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      select: { expiresAt: true, organization: { select: { name: true } } },
    });
    if (pending) {
      throw new ConflictError(`${input.email} already has a pending invitation (for ${pending.organization.name}, until ${formatInstant(pending.expiresAt.toISOString())}): revoke it first to send a new one.`);
    }
    const invitation = await tx.invitation.create({
      data: { email: input.email, name: input.name, organizationId: organization.id, tokenHash, invitedById: actor.userId, expiresAt },
      select: { id: true },
    });
    const link = absoluteUrl(invitationPath(token));
    const inviter = actor.kind === 'user' || actor.kind === 'token' ? (actor.name ?? actor.label) : null;
    await queueMail(tx, invitationMail({ to: input.email, name: input.name, organization: organization.name, inviter, link, expiresAt }));
    await recordAudit(tx, actor, {
      entityType: 'Invitation', entityId: invitation.id, action: 'invitation.created',
      after: { email: input.email, name: input.name, organization: organization.name },
      context: { expiresAt: expiresAt.toISOString() },
    });
    return { id: invitation.id, email: input.email, name: input.name, organization: organization.name, link, token, expiresAt: expiresAt.toISOString() };
  });
}

/**
 * What the outbox shows in place of the link. The link is the invitee's credential: it is sealed
 * beside the mail, sent, and never kept in the outbox that administrators read (server/mail/secrets.ts).
 */
export const INVITATION_LINK_MARKER = '[invitation link: sent in the mail only, never kept in the outbox]';

/** The invitation mail: short, plain text and HTML, the link absolute (ACCORD_BASE_URL), and secret. */
function invitationMail(m: { to: string; name: string; organization: string; inviter: string | null; link: string; expiresAt: Date }): Mail {
  const link = INVITATION_LINK_MARKER;
  const subject = `You are invited to Accord for ${m.organization}`;
  const who = m.inviter ? `${m.inviter} invited you` : 'You are invited';
  const until = formatInstant(m.expiresAt.toISOString());
  const lines = [
    `Hello ${m.name},`,
    `${who} to Accord, where ${m.organization} follows the partnerships it is a party to.`,
    `Choose your password here (the link works once, until ${until}):`,
  ];
  const text = `${lines.join('\n\n')}\n\n${link}\n\nIf you did not expect this, ignore this mail: nothing happens until the link is used.\n\n${mailConfig().baseUrl}\n`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${esc(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f8fafc;font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;color:#0f172a;line-height:1.5">
<div style="max-width:640px;margin:0 auto;background:#ffffff;border:1px solid #e2e8f0;border-radius:12px;padding:24px">
<p style="margin:0 0 8px;font-weight:600;color:#1d4ed8">Accord</p>
${lines.map((l) => `<p>${esc(l)}</p>`).join('\n')}
<p><a href="${esc(link)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;font-weight:600">Choose your password</a></p>
<p style="font-size:12px;color:#64748b;word-break:break-all">${esc(link)}</p>
<p style="font-size:12px;color:#64748b">If you did not expect this, ignore this mail: nothing happens until the link is used.</p>
</div></body></html>`;
  return { to: m.to, subject, text, html, secrets: [{ marker: link, value: m.link }] };
}

/** Withdraws a pending invitation; one already withdrawn says so (changed: false). */
export async function revokeInvitation(actor: Actor, input: { invitationId: string }, now = new Date()) {
  return db.$transaction(async (tx) => {
    const found = await tx.invitation.findUnique({ where: { id: input.invitationId }, select: { id: true, email: true, acceptedAt: true, revokedAt: true, expiresAt: true } });
    if (!found) throw new NotFoundError('That invitation does not exist.');
    if (found.revokedAt) return { email: found.email, changed: false };
    if (!found.acceptedAt && found.expiresAt.getTime() <= now.getTime()) {
      throw new ValidationError(`The invitation of ${found.email} expired on ${formatInstant(found.expiresAt.toISOString())}: its link no longer works, so there is nothing to revoke.`);
    }
    // Guarded by the state read: an acceptance at the same moment wins or loses as a whole.
    const written = await tx.invitation.updateMany({ where: { id: found.id, acceptedAt: null, revokedAt: null }, data: { revokedAt: now } });
    const state = written.count === 1 ? 'pending' : invitationState(await tx.invitation.findUniqueOrThrow({ where: { id: found.id } }), now);
    if (state === 'accepted') throw new ValidationError(`${found.email} has already accepted this invitation: deactivate their account instead.`);
    if (state === 'revoked') return { email: found.email, changed: false };
    await recordAudit(tx, actor, {
      entityType: 'Invitation', entityId: found.id, action: 'invitation.revoked',
      before: { revokedAt: null }, after: { revokedAt: now.toISOString() }, context: { email: found.email },
    });
    return { email: found.email, changed: true };
  });
}

/**
 * Accepts an invitation with the password the invitee chose: creates their PARTNER account for the
 * invitation's organization and marks the invitation used, in one transaction. The invitation is
 * claimed with a guarded update first, so of two acceptances at once exactly one makes the
 * account; the other, like a used, withdrawn or expired link, is refused with 410.
 */
export async function acceptInvitation(token: string, input: AcceptInvitationInput, now = new Date()) {
  const tokenHash = lookupHash(token);
  const found = tokenHash ? await db.invitation.findUnique({ where: { tokenHash }, select: { id: true, acceptedAt: true, revokedAt: true, expiresAt: true } }) : null;
  if (!found) throw new NotFoundError(NOT_AN_INVITATION);
  const before = invitationState(found, now);
  if (before !== 'pending') throw new GoneError(GONE[before]);
  const hash = await hashPassword(input.newPassword); // slow on purpose: outside the transaction
  const accepted = db.$transaction(async (tx) => {
    const claimed = await tx.invitation.updateMany({
      where: { id: found.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) {
      const state = invitationState(await tx.invitation.findUniqueOrThrow({ where: { id: found.id } }), now);
      throw new GoneError(GONE[state === 'pending' ? 'accepted' : state]);
    }
    const invitation = await tx.invitation.findUniqueOrThrow({
      where: { id: found.id },
      select: { email: true, name: true, organizationId: true, organization: { select: { name: true } }, invitedBy: { select: { email: true } } },
    });
    if (await tx.user.findUnique({ where: { email: invitation.email }, select: { id: true } })) throw new ConflictError(`${EMAIL_TAKEN} Sign in with it instead.`);
    const user = await insertUser(tx, { email: invitation.email, name: invitation.name, role: 'PARTNER', organizationId: invitation.organizationId, mustChangePassword: false }, hash);
    await tx.invitation.update({ where: { id: found.id }, data: { userId: user.id } });
    // The new person's own act: their first entry in the audit trail.
    await recordAudit(tx, userActor(user), {
      entityType: 'User', entityId: user.id, action: 'invitation.accepted',
      after: { email: user.email, name: user.name, role: user.role, organization: invitation.organization.name },
      context: { invitationId: found.id, invitedBy: invitation.invitedBy?.email ?? null },
    });
    return { userId: user.id, email: user.email, name: user.name, organization: invitation.organization.name };
  });
  // The same email made an account a moment ago elsewhere (the CLI): the unique index refuses this one.
  return accepted.catch((error: unknown) => {
    throw (error as { code?: string }).code === 'P2002' ? new ConflictError(`${EMAIL_TAKEN} Sign in with it instead.`) : error;
  });
}

/** A partner user by id, or 404: the partners page acts on partner accounts only. */
async function requirePartnerUser(userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { role: true } });
  if (!user || user.role !== 'PARTNER') throw new NotFoundError('No partner user with that id.');
}

/**
 * Business development deactivates partner users only; administrators anyone, on the users page.
 * A partner's role cannot change (server/users/mutations.ts), so the check above stays true.
 */
export async function deactivatePartner(actor: Actor, input: { userId: string; version: number }) {
  await requirePartnerUser(input.userId);
  return deactivateUser(actor, input);
}

export async function reactivatePartner(actor: Actor, input: { userId: string; version: number }) {
  await requirePartnerUser(input.userId);
  return reactivateUser(actor, input);
}
