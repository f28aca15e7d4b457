import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userActor, type Actor } from '@/server/auth/actor';
import { approveRequest } from '@/server/approvals/mutations';
import { isApprovalRequested } from '@/server/approvals/queries';
import { presentAuditRows } from '@/server/audit/present';
import { acceptInvitation, invitePartner, revokeInvitation } from '@/server/invitations/mutations';
import { updateConfidentialAccess } from '@/server/metric-policies/mutations';
import { createNote } from '@/server/notes/mutations';
import { movePartnershipStage } from '@/server/partnerships/stage';
import { updateRollout } from '@/server/rollouts/mutations';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { openDemoDatabase, type TestDatabase } from '@/tests/support/test-database';

/**
 * The audit trail speaks in words (issue 13): after every kind of change issue 17 added (approval
 * requested, approved, rejected; invitations made, revoked, accepted; confidential figures; a
 * partner's note), no presented event shows an internal id. The screen suite caught one on /audit.
 */
const INTERNAL_ID = /\bc[a-z0-9]{20,}\b/;

let t: TestDatabase;
const by = async (email: string): Promise<Actor> => {
  const u = await t.db.user.findUniqueOrThrow({ where: { email } });
  return userActor({ ...u, role: u.role });
};

beforeAll(async () => {
  t = await openDemoDatabase('2026-11-23');
}, 120_000);
afterAll(() => t?.close());

describe('audit words for the partner workspace and four eyes', () => {
  it('presents every new event without an internal id', async () => {
    const start = (await t.db.auditEvent.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    const bd = await by('bd@accord.local');
    const exec = await by('executive@accord.local');
    const admin = await by('admin@accord.local');
    const deal = await t.db.partnership.findUniqueOrThrow({ where: { slug: APPLE_PAY_ALIPAY }, include: { rollouts: { include: { region: true } } } });
    const us = deal.rollouts.find((r) => r.region.code === 'US')!;
    // A launch request, approved; a withdrawal to planned; a signing request on another deal, rejected.
    const asked = await updateRollout(bd, us.id, { version: us.version, status: 'WITHDRAWN' });
    expect(isApprovalRequested(asked)).toBe(false);
    const signing = await movePartnershipStage(bd, deal.slug, { to: 'SIGNED', version: deal.version, signedOn: '2026-11-20' } as never);
    expect(isApprovalRequested(signing)).toBe(true);
    if (isApprovalRequested(signing)) await approveRequest(exec, signing.approval.id, { comment: 'Signed as agreed.' });
    const alibaba = await t.db.organization.findFirstOrThrow({ where: { name: 'Alibaba Group' } });
    const invited = await invitePartner(bd, { email: 'new.colleague@alibaba.example', name: 'New Colleague', organizationId: alibaba.id });
    await acceptInvitation(invited.token, { newPassword: 'a long partner password', confirmPassword: 'a long partner password' });
    const revoked = await invitePartner(bd, { email: 'someone.else@alibaba.example', name: 'Someone Else', organizationId: alibaba.id });
    await revokeInvitation(bd, { invitationId: revoked.id });
    await updateConfidentialAccess(admin, { roles: { EXECUTIVE: true, BUSINESS_DEVELOPMENT: true, ANALYST: false, ADMIN: true }, version: 0 } as never).catch(() => undefined);
    await createNote(await by('partner@accord.local'), { subjectType: 'partnership', subjectId: deal.id, body: 'From Alipay: the SDK is ready.' });

    const rows = await t.db.auditEvent.findMany({ where: { id: { gt: start } }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.action)).toEqual(expect.arrayContaining(['invitation.created', 'invitation.accepted', 'invitation.revoked', 'note.created']));
    const shown = await presentAuditRows(rows, 'all');
    const problems = shown.flatMap((entry, i) => {
      const text = JSON.stringify({ ...entry, id: undefined, raw: undefined, entityId: undefined, href: undefined });
      const found = INTERNAL_ID.exec(text);
      return found ? [`${rows[i]!.action}: ${found[0]} in ${text.slice(0, 300)}`] : [];
    });
    expect(problems).toEqual([]);
  });
});
