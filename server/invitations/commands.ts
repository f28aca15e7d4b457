import 'server-only';
import { invitationIdSchema, inviteSchema, partnerStatusSchema } from '@/lib/schemas/invitations';
import { defineCommand } from '@/server/actions/define';
import { mailConfig } from '@/server/mail/config';
import { deactivatePartner, invitePartner, reactivatePartner, revokeInvitation } from './mutations';

// Issue 17. Accepting an invitation is not a command: the invitee has no account yet, and the
// link's token is the credential (app/api/invitation/[token]/route.ts).

export const invitePartnerCommand = defineCommand({
  permission: 'partners.invite',
  schema: inviteSchema,
  run: (actor, input) => invitePartner(actor, input),
  // Mailed only where an SMTP server is set: otherwise the mail is kept in the outbox, without its link
  // (decision 017), and this page is the one place the link can be copied.
  success: (r) => `Invited ${r.name} (${r.email}) for ${r.organization}. The link below is shown only once; ${
    mailConfig().smtpUrl ? 'it is also being mailed to them' : 'no mail server is set up, so copy it and send it to them yourself'}. It works once, for 7 days.`,
});

export const revokeInvitationCommand = defineCommand({
  permission: 'partners.invite',
  schema: invitationIdSchema,
  run: (actor, input) => revokeInvitation(actor, input),
  success: (r) => (r.changed ? `The invitation of ${r.email} is revoked: its link no longer works.` : `The invitation of ${r.email} was already revoked.`),
});

export const deactivatePartnerCommand = defineCommand({
  permission: 'partners.invite',
  schema: partnerStatusSchema,
  run: (actor, input) => deactivatePartner(actor, input),
  success: (r) => (r.changed ? `${r.name} was deactivated; their sessions were signed out and their API tokens stopped.` : `${r.name} was already deactivated.`),
});

export const reactivatePartnerCommand = defineCommand({
  permission: 'partners.invite',
  schema: partnerStatusSchema,
  run: (actor, input) => reactivatePartner(actor, input),
  success: (r) => (r.changed ? `${r.name} can sign in again.` : `${r.name} could already sign in.`),
});
