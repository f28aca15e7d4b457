import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as acceptRoute from '@/app/api/invitation/[token]/route';
import * as invitationRoute from '@/app/api/v1/invitations/[id]/route';
import * as invitationsRoute from '@/app/api/v1/invitations/route';
import type { Role } from '@/lib/domain';
import { userActor, type Actor } from '@/server/auth/actor';
import { actorFromSessionHeaders } from '@/server/auth/session';
import { verifyPassword } from '@/server/auth/password';
import { deactivatePartnerCommand, invitePartnerCommand, reactivatePartnerCommand, revokeInvitationCommand } from '@/server/invitations/commands';
import { acceptInvitation, invitePartner } from '@/server/invitations/mutations';
import { findInvitationForLink, findInvitations, findPartnerPeople } from '@/server/invitations/queries';
import { createApiToken } from '@/server/tokens/mutations';
import { changeRoleCommand } from '@/server/users/commands';
import { createOrganization, createUser } from '@/tests/factories/builders';
import { actorsByRole } from '@/tests/support/actors';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Issue 17, invitations of partner users: a one-time link (7 days, single use, stored hashed),
// mailed through the outbox; accepting it makes a PARTNER account of the invitation's organization.

const PASSWORD = 'a long enough partner password';
const DAY = 86_400_000;
let t: TestDatabase;
let actors: Record<Role, Actor>;
let org: { id: string; name: string };
let n = 0;

beforeAll(async () => {
  t = await openTestDatabase();
  actors = await actorsByRole(t.db);
  org = await createOrganization(t.db, { name: 'Alibaba Group (test)', shortName: 'Alibaba' });
});
afterAll(() => t?.close());

const email = () => `invitee-${++n}@partner.example`;
const accept = (token: string, now?: Date, password = PASSWORD) => acceptInvitation(token, { newPassword: password, confirmPassword: password }, now);

async function invite(as: Actor = actors.BUSINESS_DEVELOPMENT, address = email(), now?: Date) {
  return invitePartner(as, { email: address, name: 'Lin Partner', organizationId: org.id }, now);
}

describe('inviting', () => {
  it('business development invites: a 43-character token of which only the SHA-256 is stored, valid 7 days, mailed', async () => {
    const address = email();
    const result = await invitePartnerCommand(actors.BUSINESS_DEVELOPMENT, { email: ` ${address.toUpperCase()} `, name: 'Lin Partner', organizationId: org.id });
    expect(result).toMatchObject({ status: 'success' });
    const data = (result as { data: { id: string; token: string; link: string; expiresAt: string; email: string } }).data;
    expect(data.email).toBe(address);
    expect(data.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(data.link).toMatch(new RegExp(`^https?://[^/]+/invitation/${data.token}$`));

    const row = await t.db.invitation.findUniqueOrThrow({ where: { id: data.id } });
    expect(row.tokenHash).toBe(createHash('sha256').update(data.token).digest('hex'));
    expect(row).toMatchObject({ email: address, organizationId: org.id, invitedById: actors.BUSINESS_DEVELOPMENT.userId, acceptedAt: null, revokedAt: null });
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(7 * DAY - 60_000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThan(7 * DAY + 60_000);
    // The token is nowhere in the table, in any column.
    const [dump] = await t.db.$queryRaw<{ text: string }[]>`SELECT string_agg(i::text, '|') AS text FROM invitations i`;
    expect(dump!.text).not.toContain(data.token);
    expect(dump!.text).not.toContain(Buffer.from(data.token, 'base64url').toString('hex'));

    const mail = await t.db.outboxMail.findFirstOrThrow({ where: { toAddress: address } });
    expect(mail.subject).toContain(org.name);
    // The link is the invitee's credential: the outbox keeps a marker in its place, and the link
    // only sealed until the mail is sent (tests/db/mail-secrets.test.ts follows it over real SMTP).
    expect(mail.text).toContain('[invitation link: sent in the mail only, never kept in the outbox]');
    expect(JSON.stringify(mail)).not.toContain(data.token);
    expect(mail.secrets).toMatch(/^v1\./);
    expect(mail.text).toContain(actors.BUSINESS_DEVELOPMENT.name!);
    expect(await t.db.job.count({ where: { kind: 'mail.send', dedupeKey: `mail:${mail.id}` } })).toBe(1);
    const audit = await t.db.auditEvent.findFirstOrThrow({ where: { entityType: 'Invitation', entityId: data.id } });
    expect(audit).toMatchObject({ action: 'invitation.created', actorId: actors.BUSINESS_DEVELOPMENT.userId });
    expect(JSON.stringify([audit.before, audit.after, audit.context])).not.toContain(data.token);
  });

  it('administrators may invite; analysts, executives and partner users may not (403, nothing written)', async () => {
    expect(await invitePartnerCommand(actors.ADMIN, { email: email(), name: 'By Admin', organizationId: org.id })).toMatchObject({ status: 'success' });
    const partner = userActor(await createUser(t.db, { role: 'PARTNER', organizationId: org.id }));
    for (const who of [actors.ANALYST, actors.EXECUTIVE, partner]) {
      const before = await t.db.invitation.count();
      expect(await invitePartnerCommand(who, { email: email(), name: 'Nope', organizationId: org.id })).toMatchObject({ status: 'error', code: 403 });
      expect(await t.db.invitation.count()).toBe(before);
    }
  });

  it('refuses an organization that does not exist, and bad fields, per field', async () => {
    const missing = await invitePartnerCommand(actors.BUSINESS_DEVELOPMENT, { email: email(), name: 'X', organizationId: 'no-such-organization' });
    expect(missing).toMatchObject({ status: 'error', code: 422, fieldErrors: { organizationId: [expect.stringMatching(/does not exist/)] } });
    const bad = await invitePartnerCommand(actors.BUSINESS_DEVELOPMENT, { email: 'not an email', name: '', organizationId: '' });
    expect(Object.keys((bad as { fieldErrors: object }).fieldErrors).sort()).toEqual(['email', 'name', 'organizationId']);
  });

  it('refuses (409) an email with an active or deactivated account, or with a pending invitation, and says which', async () => {
    const member = await createUser(t.db, { role: 'ANALYST', email: email() });
    expect(await invitePartnerCommand(actors.BUSINESS_DEVELOPMENT, { email: member.email, name: 'X', organizationId: org.id }))
      .toMatchObject({ status: 'error', code: 409, message: expect.stringMatching(/already has an active account/) });
    await t.db.user.update({ where: { id: member.id }, data: { deactivatedAt: new Date() } });
    expect(await invitePartnerCommand(actors.BUSINESS_DEVELOPMENT, { email: member.email, name: 'X', organizationId: org.id }))
      .toMatchObject({ status: 'error', code: 409, message: expect.stringMatching(/deactivated/) });
    const pending = await invite();
    expect(await invitePartnerCommand(actors.ADMIN, { email: pending.email, name: 'X', organizationId: org.id }))
      .toMatchObject({ status: 'error', code: 409, message: expect.stringMatching(/pending invitation/) });
  });

  it('two invitations of one address at the same moment: one is made', async () => {
    const address = email();
    const results = await Promise.allSettled([invite(actors.BUSINESS_DEVELOPMENT, address), invite(actors.ADMIN, address)]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(await t.db.invitation.count({ where: { email: address } })).toBe(1);
  });
});

describe('accepting', () => {
  it('makes a PARTNER user of the organization, verified, with the chosen password; the link works once', async () => {
    const invited = await invite();
    expect(await findInvitationForLink(invited.token)).toMatchObject({ state: 'pending', email: invited.email, name: 'Lin Partner', organization: { name: org.name }, invitedBy: actors.BUSINESS_DEVELOPMENT.name });
    const accepted = await accept(invited.token);
    const user = await t.db.user.findUniqueOrThrow({ where: { email: invited.email }, include: { accounts: true } });
    expect(accepted.userId).toBe(user.id);
    expect(user).toMatchObject({ role: 'PARTNER', organizationId: org.id, emailVerified: true, mustChangePassword: false, name: 'Lin Partner', deactivatedAt: null });
    expect(await verifyPassword(user.accounts[0]!.password!, PASSWORD)).toBe(true);
    expect(await t.db.invitation.findUniqueOrThrow({ where: { id: invited.id } })).toMatchObject({ userId: user.id, acceptedAt: expect.any(Date) });
    expect(await t.db.auditEvent.findFirstOrThrow({ where: { action: 'invitation.accepted', entityId: user.id } })).toMatchObject({ actorId: user.id, entityType: 'User' });

    await expect(accept(invited.token)).rejects.toMatchObject({ status: 410, message: expect.stringMatching(/already been used/) });
    expect(await findInvitationForLink(invited.token)).toMatchObject({ state: 'accepted' });
    expect(await findPartnerPeople()).toEqual(expect.arrayContaining([expect.objectContaining({ email: invited.email, organization: { id: org.id, name: org.name }, active: true })]));
  });

  it('an expired link (8 days later) is refused with 410 and creates nothing', async () => {
    const now = new Date();
    const invited = await invite(actors.BUSINESS_DEVELOPMENT, email(), now);
    const later = new Date(now.getTime() + 8 * DAY);
    await expect(accept(invited.token, later)).rejects.toMatchObject({ status: 410, message: expect.stringMatching(/expired/) });
    expect(await findInvitationForLink(invited.token, later)).toMatchObject({ state: 'expired' });
    expect(await t.db.user.count({ where: { email: invited.email } })).toBe(0);
    // The day before it expires, it still works.
    await accept(invited.token, new Date(now.getTime() + 6 * DAY));
    expect(await t.db.user.count({ where: { email: invited.email } })).toBe(1);
  });

  it('a revoked link is refused with 410; revoking twice says so; an accepted one cannot be revoked', async () => {
    const invited = await invite();
    expect(await revokeInvitationCommand(actors.BUSINESS_DEVELOPMENT, { invitationId: invited.id })).toMatchObject({ status: 'success', message: expect.stringMatching(/revoked/) });
    expect(await revokeInvitationCommand(actors.ADMIN, { invitationId: invited.id })).toMatchObject({ status: 'success', message: expect.stringMatching(/already revoked/) });
    await expect(accept(invited.token)).rejects.toMatchObject({ status: 410, message: expect.stringMatching(/withdrawn/) });
    expect(await t.db.user.count({ where: { email: invited.email } })).toBe(0);
    // The address may be invited again once the old invitation is revoked.
    const again = await invite(actors.BUSINESS_DEVELOPMENT, invited.email);
    await accept(again.token);
    expect(await revokeInvitationCommand(actors.BUSINESS_DEVELOPMENT, { invitationId: again.id })).toMatchObject({ status: 'error', code: 422 });
    expect(await revokeInvitationCommand(actors.ANALYST, { invitationId: again.id })).toMatchObject({ status: 'error', code: 403 });
  });

  it('an unknown, cut or tampered token is a 404', async () => {
    const invited = await invite();
    const flipped = `${invited.token.slice(0, -1)}${invited.token.endsWith('A') ? 'B' : 'A'}`;
    for (const token of [invited.token.slice(0, -1), flipped, 'x', '', '\u0000'.repeat(43), `${invited.token}x`]) {
      await expect(accept(token)).rejects.toMatchObject({ status: 404 });
    }
    expect(await findInvitationForLink('not-a-token')).toBeNull();
  });

  it('two acceptances at the same moment make one account; the other is refused', async () => {
    const invited = await invite();
    const results = await Promise.allSettled([accept(invited.token), accept(invited.token, undefined, 'another long enough password')]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect((results.find((r) => r.status === 'rejected') as PromiseRejectedResult).reason).toMatchObject({ status: 410 });
    expect(await t.db.user.count({ where: { email: invited.email } })).toBe(1);
    expect(await t.db.auditEvent.count({ where: { action: 'invitation.accepted', context: { path: ['invitationId'], equals: invited.id } } })).toBe(1);
  });

  it('an account made meanwhile for the same email (the CLI): 409, and the invitation stays unused', async () => {
    const invited = await invite();
    await createUser(t.db, { email: invited.email, role: 'PARTNER', organizationId: org.id });
    await expect(accept(invited.token)).rejects.toMatchObject({ status: 409 });
    expect(await t.db.invitation.findUniqueOrThrow({ where: { id: invited.id } })).toMatchObject({ acceptedAt: null, userId: null });
  });
});

describe('partner users', () => {
  it('business development deactivates and reactivates partner users, but no one else; analysts cannot', async () => {
    const partner = await createUser(t.db, { role: 'PARTNER', organizationId: org.id });
    await t.db.session.create({ data: { userId: partner.id, token: `tok-${partner.id}`, expiresAt: new Date(Date.now() + 3_600_000) } });
    expect(await deactivatePartnerCommand(actors.ANALYST, { userId: partner.id, version: partner.version })).toMatchObject({ status: 'error', code: 403 });
    expect(await deactivatePartnerCommand(actors.BUSINESS_DEVELOPMENT, { userId: partner.id, version: partner.version })).toMatchObject({ status: 'success' });
    expect(await t.db.session.count({ where: { userId: partner.id } })).toBe(0);
    const off = await t.db.user.findUniqueOrThrow({ where: { id: partner.id } });
    expect(off.deactivatedAt).not.toBeNull();
    expect(await reactivatePartnerCommand(actors.BUSINESS_DEVELOPMENT, { userId: partner.id, version: off.version })).toMatchObject({ status: 'success' });
    const internal = await createUser(t.db, { role: 'ANALYST' });
    expect(await deactivatePartnerCommand(actors.BUSINESS_DEVELOPMENT, { userId: internal.id, version: internal.version })).toMatchObject({ status: 'error', code: 404 });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: internal.id } })).deactivatedAt).toBeNull();
  });

  it("a partner user's role cannot change (422), nor can an internal account become a partner", async () => {
    const partner = await createUser(t.db, { role: 'PARTNER', organizationId: org.id });
    expect(await changeRoleCommand(actors.ADMIN, { userId: partner.id, role: 'ANALYST', version: partner.version }))
      .toMatchObject({ status: 'error', code: 422, message: expect.stringMatching(/partner user/) });
    const internal = await createUser(t.db, { role: 'ANALYST' });
    expect(await changeRoleCommand(actors.ADMIN, { userId: internal.id, role: 'PARTNER', version: internal.version })).toMatchObject({ status: 'error', code: 422 });
    expect((await t.db.user.findUniqueOrThrow({ where: { id: partner.id } })).role).toBe('PARTNER');
  });
});

describe('the API and the public link', () => {
  type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const call = (handler: unknown, request: Request, params: Record<string, string> = {}) => (handler as Handler)(request, { params: Promise.resolve(params) });
  const tokenOf = async (actor: Actor) => (await createApiToken(actor, { ownerId: actor.userId!, name: `invitations ${++n}`, readOnly: false })).token;
  const json = (bearer: string, method: string, body?: unknown) =>
    new Request('http://accord.test/api/v1/invitations', { method, headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });

  it('POST, GET and DELETE /api/v1/invitations for business development; 403 for an analyst', async () => {
    const bd = await tokenOf(actors.BUSINESS_DEVELOPMENT);
    const address = email();
    const created = await call(invitationsRoute.POST, json(bd, 'POST', { email: address, name: 'Via API', organizationId: org.id }));
    expect(created.status).toBe(201);
    const body = (await created.json()) as { id: string; token: string; link: string; organization: string };
    expect(body).toMatchObject({ organization: org.name, link: expect.stringContaining(body.token) });
    expect(created.headers.get('location')).toBe(`/api/v1/invitations/${body.id}`);
    expect((await call(invitationsRoute.POST, json(bd, 'POST', { email: address, name: 'Again', organizationId: org.id }))).status).toBe(409);

    const list = (await (await call(invitationsRoute.GET, new Request('http://accord.test/api/v1/invitations?state=pending', { headers: { authorization: `Bearer ${bd}` } }))).json()) as { invitations: { id: string; state: string }[] };
    expect(list.invitations).toEqual(expect.arrayContaining([expect.objectContaining({ id: body.id, state: 'pending' })]));
    expect(JSON.stringify(list)).not.toContain(body.token);

    const analyst = await tokenOf(actors.ANALYST);
    expect((await call(invitationsRoute.GET, json(analyst, 'GET'))).status).toBe(403);
    expect((await call(invitationRoute.DELETE, json(analyst, 'DELETE'), { id: body.id })).status).toBe(403);
    const revoked = await call(invitationRoute.DELETE, json(bd, 'DELETE'), { id: body.id });
    expect(revoked.status).toBe(200);
    expect(await revoked.json()).toMatchObject({ revoked: true, alreadyRevoked: false });
    expect(await (await call(invitationRoute.DELETE, json(bd, 'DELETE'), { id: body.id })).json()).toMatchObject({ alreadyRevoked: true });
    expect((await call(invitationRoute.DELETE, json(bd, 'DELETE'), { id: 'no-such-invitation' })).status).toBe(404);
    expect((await findInvitations()).find((i) => i.id === body.id)).toMatchObject({ state: 'revoked' });
  });

  it('the page’s form: a weak password goes back with a reason; a good one makes the account and signs them in', async () => {
    const invited = await invite();
    const form = (fields: Record<string, string>) =>
      call(acceptRoute.POST, new Request(`http://accord.test/api/invitation/${invited.token}`, {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'vitest' }, body: new URLSearchParams(fields).toString(),
      }), { token: invited.token });
    const weak = await form({ newPassword: 'short', confirmPassword: 'short' });
    expect(weak.status).toBe(303);
    expect(weak.headers.get('location')).toBe(`/invitation/${invited.token}?problem=short`);
    const differ = await form({ newPassword: PASSWORD, confirmPassword: `${PASSWORD}!` });
    expect(differ.headers.get('location')).toBe(`/invitation/${invited.token}?problem=mismatch`);
    expect(await t.db.user.count({ where: { email: invited.email } })).toBe(0);

    const done = await form({ newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/');
    const cookies = done.headers.getSetCookie();
    expect(cookies.some((c) => c.includes('session_token='))).toBe(true);
    // The cookie is a working session of the new partner user.
    const session = await actorFromSessionHeaders(new Headers({ cookie: cookies.map((c) => c.split(';')[0]).join('; ') }));
    expect(session).toMatchObject({ email: invited.email, role: 'PARTNER', organizationId: org.id });

    const used = await form({ newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect(used.headers.get('location')).toBe(`/invitation/${invited.token}`); // the page says it was used
  });

  it('JSON callers: 201, then 410 for the same link, 404 for a link that is not one', async () => {
    const invited = await invite();
    const post = (token: string, body: unknown) => call(acceptRoute.POST, new Request(`http://accord.test/api/invitation/${token}`, {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body),
    }), { token });
    expect((await post(invited.token, { newPassword: 'short', confirmPassword: 'short' })).status).toBe(422);
    const ok = await post(invited.token, { newPassword: PASSWORD, confirmPassword: PASSWORD });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toMatchObject({ accepted: true, email: invited.email, organization: org.name });
    expect((await post(invited.token, { newPassword: PASSWORD, confirmPassword: PASSWORD })).status).toBe(410);
    expect((await post('not-an-invitation', { newPassword: PASSWORD, confirmPassword: PASSWORD })).status).toBe(404);
  });
});
