import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as inboxRoute from '@/app/api/v1/notifications/route';
import { NotificationReason } from '@/generated/prisma/enums';
import type { Role } from '@/lib/domain';
import { REASON_LABELS } from '@/lib/inbox';
import { userActor, type Actor } from '@/server/auth/actor';
import { approveCommand } from '@/server/approvals/commands';
import { approveRequest, rejectRequest, withdrawRequest } from '@/server/approvals/mutations';
import { isApprovalRequested, type ApprovalRequested } from '@/server/approvals/queries';
import { requestApproval } from '@/server/approvals/request';
import { updateCheckpoint } from '@/server/checkpoints/mutations';
import { createPartnership as openDeal } from '@/server/partnerships/mutations';
import { movePartnershipStage } from '@/server/partnerships/stage';
import { updateRollout } from '@/server/rollouts/mutations';
import { createApiToken } from '@/server/tokens/mutations';
import { createCheckpoint, createMilestone, createPartnership, createRollout, createUser, ensureRegion } from '@/tests/factories/builders';
import { actorsByRole } from '@/tests/support/actors';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';

// Four eyes told in the inbox (issue 17, docs/decisions/018-four-eyes.md), on PGlite and
// PostgreSQL: a request reaches everyone who may decide it but the requester; its decision (or a
// refused approval) reaches the requester; partner users hear nothing. Written in the request's or
// the decision's own transaction: no job has to run for them to be there.
let t: TestDatabase;
let actors: Record<Role, Actor>;
let secondExecutive: Actor;
let formerExecutive: Actor;
let partnershipId: string;
beforeAll(async () => {
  t = await openTestDatabase();
  actors = await actorsByRole(t.db);
  secondExecutive = userActor(await createUser(t.db, { role: 'EXECUTIVE', name: 'Second Executive' }));
  const former = await createUser(t.db, { role: 'EXECUTIVE', name: 'Former Executive' });
  await t.db.user.update({ where: { id: former.id }, data: { deactivatedAt: new Date() } });
  formerExecutive = userActor(former);
  partnershipId = (await createPartnership(t.db, { ownerId: actors.BUSINESS_DEVELOPMENT.userId!, slug: 'told-deal', name: 'Told deal' })).id;
});
afterAll(() => t?.close());

let n = 0;
async function readyRollout() {
  const region = await ensureRegion(t.db, { code: `N${++n}`, name: `Notice land ${n}`, timeZone: 'UTC' });
  const checkpoint = await createCheckpoint(t.db, { partnershipId, regulator: `Notice regulator ${n}`, status: 'APPROVED', filedOn: '2026-01-05' });
  const milestone = await createMilestone(t.db, { partnershipId, title: `Notice readiness ${n}`, status: 'DONE' });
  const rollout = await createRollout(t.db, { partnershipId, regionId: region.id, gateCheckpointIds: [checkpoint.id], gateMilestoneIds: [milestone.id] });
  return { rollout, checkpoint, region };
}

async function askToGoLive(rolloutId: string, who = actors.BUSINESS_DEVELOPMENT): Promise<ApprovalRequested> {
  const result = await updateRollout(who, rolloutId, { version: 1, status: 'LIVE' });
  expect(isApprovalRequested(result)).toBe(true);
  return result as ApprovalRequested;
}

/** Every inbox line about one request, as [person, reason, title]. */
async function noticesOf(approvalId: string) {
  const rows = await t.db.notification.findMany({ where: { dedupeKey: { contains: `:${approvalId}:` } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
  return rows;
}
const who = (rows: { userId: string }[]) => rows.map((r) => r.userId).sort();
const ids = (...people: Actor[]) => people.map((p) => p.userId!).sort();

describe('a request is news to whoever may decide it', () => {
  it('every active executive and administrator hears of it, at once; never the requester, an analyst, a partner or a deactivated executive', async () => {
    const { rollout } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    const rows = await noticesOf(approval.id);
    expect(who(rows)).toEqual(ids(actors.EXECUTIVE, secondExecutive, actors.ADMIN));
    expect(who(rows)).not.toContain(formerExecutive.userId);
    for (const row of rows) {
      expect(row).toMatchObject({
        reason: 'APPROVAL_REQUESTED', partnershipId, href: `/approvals#approval-${approval.id}`, readAt: null,
        title: `${actors.BUSINESS_DEVELOPMENT.name} asks for your approval: Notice land ${n} goes live`,
      });
      expect(row.detail).toContain('Deal: Told deal');
    }
    // In the executive's inbox through the API, with a reason the inbox has words for.
    const token = (await createApiToken(actors.EXECUTIVE, { ownerId: actors.EXECUTIVE.userId!, name: 'inbox', readOnly: true })).token;
    const response = await inboxRoute.GET(new Request('http://accord.test/api/v1/notifications?unread=1', { headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({}) });
    const body = (await response.json()) as { notifications: { reason: string; href: string }[] };
    expect(body.notifications).toContainEqual(expect.objectContaining({ reason: 'APPROVAL_REQUESTED', href: `/approvals#approval-${approval.id}` }));
  });

  it('an administrator who asks for a signing is not told; the executives and the other administrators are', async () => {
    const secondAdmin = userActor(await createUser(t.db, { role: 'ADMIN', name: 'Second Admin' }));
    try {
      const deal = await openDeal(actors.ADMIN, { name: 'Told signing deal', openedOn: '2024-01-10', stage: 'NEGOTIATING', parties: [{ organization: 'Apple Inc.', role: 'Wallet' }] });
      const asked = await movePartnershipStage(actors.ADMIN, deal.slug, { version: 1, to: 'SIGNED', signedOn: '2024-05-02', reason: 'Signed in Cupertino' });
      const { approval } = asked as ApprovalRequested;
      const rows = await noticesOf(approval.id);
      expect(who(rows)).toEqual(ids(actors.EXECUTIVE, secondExecutive, secondAdmin));
      expect(rows[0]!.detail).toContain('Note: Signed in Cupertino');
    } finally {
      // The other tests count three deciders.
      await t.db.user.update({ where: { id: secondAdmin.userId! }, data: { deactivatedAt: new Date() } });
    }
  });

  it('no request, no notice: a request rolled back with its transaction, or refused as a duplicate, tells nobody', async () => {
    const { rollout, region } = await readyRollout();
    const before = await t.db.notification.count();
    await expect(t.db.$transaction(async (tx) => {
      await requestApproval(tx, actors.BUSINESS_DEVELOPMENT as Actor & { userId: string }, {
        kind: 'ROLLOUT_LIVE', partnershipId, rolloutId: rollout.id, names: { partnership: 'Told deal', region: region.name }, input: { status: 'LIVE' }, shows: { status: 'Live' },
      });
      expect(await tx.notification.count()).toBe(before + 3); // written in this transaction…
      throw new Error('the caller failed after asking');
    })).rejects.toThrow('the caller failed');
    expect(await t.db.notification.count()).toBe(before); // …and gone with it
    expect(await t.db.approvalRequest.count({ where: { rolloutId: rollout.id } })).toBe(0);

    // Four requests at the same moment: one request, one set of notices.
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => updateRollout(actors.BUSINESS_DEVELOPMENT, rollout.id, { version: 1, status: 'LIVE' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await t.db.notification.count()).toBe(before + 3);
  });
});

describe('a decision is news to the requester', () => {
  it('approved: the requester is told who approved, what moved and the comment, linked to the region; the approver and the other deciders are not', async () => {
    const { rollout } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    await approveRequest(secondExecutive, approval.id, { comment: 'Go ahead.' });
    const decided = (await noticesOf(approval.id)).filter((r) => r.reason === 'APPROVAL_DECIDED');
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({
      userId: actors.BUSINESS_DEVELOPMENT.userId, partnershipId,
      title: `Second Executive approved your request: Notice land ${n} goes live`,
      detail: `Notice land ${n} is now live. Comment: Go ahead.`,
      href: `/partnerships/told-deal/rollouts/${rollout.id}`,
    });
    expect(await t.db.notification.count({ where: { userId: secondExecutive.userId!, reason: 'APPROVAL_DECIDED' } })).toBe(0);
  });

  it('rejected: the requester reads the comment, linked to the request', async () => {
    const { rollout } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    await rejectRequest(actors.ADMIN, approval.id, { comment: 'Wait for the card network’s sign-off.' });
    const [decided] = (await noticesOf(approval.id)).filter((r) => r.reason === 'APPROVAL_DECIDED');
    expect(decided).toMatchObject({
      userId: actors.BUSINESS_DEVELOPMENT.userId,
      title: `${actors.ADMIN.name} rejected your request: Notice land ${n} goes live`,
      detail: 'Nothing was moved. Comment: Wait for the card network’s sign-off.',
      href: `/approvals#approval-${approval.id}`,
    });
  });

  it('two deciders at once: one decision, one notice', async () => {
    const { rollout } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    const results = await Promise.allSettled([
      approveRequest(actors.EXECUTIVE, approval.id, {}),
      rejectRequest(secondExecutive, approval.id, { comment: 'No.' }),
      approveRequest(actors.ADMIN, approval.id, {}),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const state = (await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approval.id } })).state;
    const decided = (await noticesOf(approval.id)).filter((r) => r.reason === 'APPROVAL_DECIDED');
    expect(decided).toHaveLength(1);
    expect(decided[0]!.title).toContain(state === 'APPROVED' ? 'approved your request' : 'rejected your request');
  });

  it('a refused approval (a gate closed meanwhile): the requester is told why, once per reason; no "approved" line until it really is', async () => {
    const { rollout, checkpoint } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    await updateCheckpoint(actors.BUSINESS_DEVELOPMENT, checkpoint.id, { version: 1, status: 'PREPARING' });
    await expect(approveRequest(actors.EXECUTIVE, approval.id, { comment: 'Go' })).rejects.toMatchObject({ status: 422 });
    // The form, and another approver, hit the same closed gate: no second line.
    expect(await approveCommand(secondExecutive, { id: approval.id, version: '1' })).toMatchObject({ status: 'error', code: 422 });
    let decided = (await noticesOf(approval.id)).filter((r) => r.reason === 'APPROVAL_DECIDED');
    expect(decided).toHaveLength(1);
    expect(decided[0]).toMatchObject({
      userId: actors.BUSINESS_DEVELOPMENT.userId, href: `/approvals#approval-${approval.id}`,
      title: `${actors.EXECUTIVE.name} could not approve your request: Notice land ${n} goes live`,
    });
    expect(decided[0]!.detail).toContain(`Blocked by: ${checkpoint.regulator} (preparing)`);
    expect(decided[0]!.detail).toContain('The request still waits');
    expect(await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approval.id } })).toMatchObject({ state: 'PENDING', version: 1 });
    // The deciders' lines are untouched: the request still waits for them.
    expect((await noticesOf(approval.id)).filter((r) => r.reason === 'APPROVAL_REQUESTED')).toHaveLength(3);

    await updateCheckpoint(actors.BUSINESS_DEVELOPMENT, checkpoint.id, { version: 2, status: 'FILED' });
    await updateCheckpoint(actors.BUSINESS_DEVELOPMENT, checkpoint.id, { version: 3, status: 'APPROVED' });
    await approveRequest(actors.EXECUTIVE, approval.id, {});
    decided = (await noticesOf(approval.id)).filter((r) => r.reason === 'APPROVAL_DECIDED');
    expect(decided.map((r) => r.title)).toEqual([
      `${actors.EXECUTIVE.name} could not approve your request: Notice land ${n} goes live`,
      `${actors.EXECUTIVE.name} approved your request: Notice land ${n} goes live`,
    ]);
  });

  it('withdrawn by the requester: nobody is told (one’s own act); a deactivated requester is not told of a decision', async () => {
    const { rollout } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    await withdrawRequest(actors.BUSINESS_DEVELOPMENT, approval.id, {});
    expect((await noticesOf(approval.id)).filter((r) => r.reason === 'APPROVAL_DECIDED')).toEqual([]);

    const leaver = userActor(await createUser(t.db, { role: 'BUSINESS_DEVELOPMENT', name: 'Leaving Dev' }));
    const second = await readyRollout();
    const asked = await askToGoLive(second.rollout.id, leaver);
    await t.db.user.update({ where: { id: leaver.userId! }, data: { deactivatedAt: new Date() } });
    await approveRequest(actors.EXECUTIVE, asked.approval.id, {});
    expect((await noticesOf(asked.approval.id)).filter((r) => r.reason === 'APPROVAL_DECIDED')).toEqual([]);
  });

  it('partner users never get approval notices, and every reason has inbox words', async () => {
    expect(await t.db.notification.count({ where: { userId: actors.PARTNER.userId!, reason: { in: ['APPROVAL_REQUESTED', 'APPROVAL_DECIDED'] } } })).toBe(0);
    expect(Object.keys(REASON_LABELS).sort()).toEqual(Object.values(NotificationReason).sort());
  });
});
