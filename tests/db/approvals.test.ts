import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '@/lib/domain';
import * as approvalsList from '@/app/api/v1/approvals/route';
import * as approvalOne from '@/app/api/v1/approvals/[id]/route';
import * as approveRoute from '@/app/api/v1/approvals/[id]/approve/route';
import * as rejectRoute from '@/app/api/v1/approvals/[id]/reject/route';
import * as withdrawRoute from '@/app/api/v1/approvals/[id]/withdraw/route';
import * as rolloutRoute from '@/app/api/v1/rollouts/[id]/route';
import * as stageRoute from '@/app/api/v1/partnerships/[slug]/stage/route';
import { userActor, type Actor } from '@/server/auth/actor';
import { approveCommand, rejectCommand, withdrawCommand } from '@/server/approvals/commands';
import { approveRequest, rejectRequest, withdrawRequest } from '@/server/approvals/mutations';
import { findApprovals, isApprovalRequested, type ApprovalRequested } from '@/server/approvals/queries';
import { updateCheckpoint } from '@/server/checkpoints/mutations';
import { createPartnership as openDeal } from '@/server/partnerships/mutations';
import { movePartnershipStage } from '@/server/partnerships/stage';
import { updateRollout } from '@/server/rollouts/mutations';
import { updateRolloutCommand } from '@/server/rollouts/commands';
import { createApiToken } from '@/server/tokens/mutations';
import { createCheckpoint, createMilestone, createPartnership, createRollout, createUser, ensureRegion } from '@/tests/factories/builders';
import { actorsByRole } from '@/tests/support/actors';
import { openTestDatabase, type TestDatabase } from '@/tests/support/test-database';
import { documentProblems } from '@/tests/support/openapi-answer';

// Four-eyes approval (issue 17, docs/decisions/018-four-eyes.md), on PGlite and PostgreSQL: going
// live and signing create a request; someone other than the requester decides it; the move
// happens in the approval's transaction if its gates still hold.
let t: TestDatabase;
let actors: Record<Role, Actor>;
let secondExecutive: Actor;
let partnershipId: string;
beforeAll(async () => {
  t = await openTestDatabase();
  actors = await actorsByRole(t.db);
  secondExecutive = userActor(await createUser(t.db, { role: 'EXECUTIVE', name: 'Second Executive' }));
  partnershipId = (await createPartnership(t.db, { ownerId: actors.BUSINESS_DEVELOPMENT.userId!, slug: 'four-eyes-deal' })).id;
});
afterAll(() => t?.close());

let n = 0;
/** A planned region whose gates hold: an approved checkpoint and a done milestone. */
async function readyRollout() {
  const region = await ensureRegion(t.db, { code: `A${++n}`, name: `Approval land ${n}`, timeZone: 'UTC' });
  const checkpoint = await createCheckpoint(t.db, { partnershipId, regulator: `Regulator ${n}`, status: 'APPROVED', filedOn: '2026-01-05' });
  const milestone = await createMilestone(t.db, { partnershipId, title: `Readiness ${n}`, status: 'DONE' });
  const rollout = await createRollout(t.db, { partnershipId, regionId: region.id, gateCheckpointIds: [checkpoint.id], gateMilestoneIds: [milestone.id] });
  return { rollout, checkpoint, milestone, region };
}

async function askToGoLive(rolloutId: string, who = actors.BUSINESS_DEVELOPMENT): Promise<ApprovalRequested> {
  const result = await updateRollout(who, rolloutId, { version: 1, status: 'LIVE' });
  expect(isApprovalRequested(result)).toBe(true);
  return result as ApprovalRequested;
}

const rolloutOf = (id: string) => t.db.rollout.findUniqueOrThrow({ where: { id } });
const requestOf = (id: string) => t.db.approvalRequest.findUniqueOrThrow({ where: { id } });
const auditsOf = (entityId: string) => t.db.auditEvent.findMany({ where: { entityId }, orderBy: { id: 'asc' } });

describe('asking', () => {
  it('going live creates a pending request (audited) instead of the move; a second request for it is 409 pointing at the first', async () => {
    const { rollout } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    expect(approval).toMatchObject({
      kind: 'ROLLOUT_LIVE', state: 'PENDING', version: 1, subject: `Approval land ${n} goes live`,
      rollout: { id: rollout.id }, requestedBy: { email: actors.BUSINESS_DEVELOPMENT.email }, input: { status: 'LIVE' }, decidedBy: null,
    });
    expect(await rolloutOf(rollout.id)).toMatchObject({ status: 'PLANNED', version: 1 });
    expect((await auditsOf(approval.id)).map((e) => [e.action, e.actorLabel])).toEqual([['approval.requested', actors.BUSINESS_DEVELOPMENT.label]]);
    expect(await auditsOf(rollout.id)).toEqual([]);
    const again = await updateRollout(actors.BUSINESS_DEVELOPMENT, rollout.id, { version: 1, status: 'LIVE' }).catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 409, details: { current: { id: approval.id } } });
    expect((again as Error).message).toMatch(/already waits for approval/);
    expect(await t.db.approvalRequest.count({ where: { rolloutId: rollout.id } })).toBe(1);
  });

  it('two requests for one move at the same moment: one request, the other 409', async () => {
    const { rollout } = await readyRollout();
    const results = await Promise.allSettled(Array.from({ length: 4 }, () => updateRollout(actors.BUSINESS_DEVELOPMENT, rollout.id, { version: 1, status: 'LIVE' })));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    for (const r of results) if (r.status === 'rejected') expect(r.reason).toMatchObject({ status: 409 });
    expect(await t.db.approvalRequest.count({ where: { rolloutId: rollout.id } })).toBe(1);
  });

  it('a request is checked as the move would be: closed gates, a bad date or a stale version are refused at once, and nothing is asked', async () => {
    const { rollout, checkpoint } = await readyRollout();
    await expect(updateRollout(actors.BUSINESS_DEVELOPMENT, rollout.id, { version: 1, status: 'LIVE', actualLaunchOn: '2099-01-01' })).rejects.toMatchObject({ status: 422, fieldErrors: { actualLaunchOn: expect.any(Array) } });
    await expect(updateRollout(actors.BUSINESS_DEVELOPMENT, rollout.id, { version: 7, status: 'LIVE' })).rejects.toMatchObject({ status: 409 });
    await updateCheckpoint(actors.BUSINESS_DEVELOPMENT, checkpoint.id, { version: 1, status: 'PREPARING' });
    await expect(updateRollout(actors.BUSINESS_DEVELOPMENT, rollout.id, { version: 1, status: 'LIVE' })).rejects.toMatchObject({ status: 422, blockers: [expect.objectContaining({ id: checkpoint.id })] });
    expect(await t.db.approvalRequest.count({ where: { rolloutId: rollout.id } })).toBe(0);
  });

  it('other changes (notes, a pilot, a recorded launch day) do not wait for anyone', async () => {
    const { rollout } = await readyRollout();
    const piloted = await updateRollout(actors.BUSINESS_DEVELOPMENT, rollout.id, { version: 1, status: 'PILOT', notes: 'Pilot with two banks' });
    expect(piloted).toMatchObject({ status: 'PILOT', version: 2 });
    expect(await t.db.approvalRequest.count({ where: { rolloutId: rollout.id } })).toBe(0);
  });
});

describe('deciding', () => {
  it('the executive approves: the region goes live in the same transaction; the audit rows say who asked and who approved', async () => {
    const { rollout } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    const decision = await approveRequest(actors.EXECUTIVE, approval.id, { comment: 'Go ahead.', version: 1 });
    expect(decision.approval).toMatchObject({ state: 'APPROVED', version: 2, decidedBy: { email: actors.EXECUTIVE.email }, decisionNote: 'Go ahead.' });
    expect(decision.rollout).toMatchObject({ status: 'LIVE', version: 2 });
    expect(await rolloutOf(rollout.id)).toMatchObject({ status: 'LIVE' });
    const [moved] = await auditsOf(rollout.id);
    expect(moved).toMatchObject({
      action: 'rollout.updated', actorId: actors.EXECUTIVE.userId, after: expect.objectContaining({ status: 'LIVE' }),
      context: { requestedBy: actors.BUSINESS_DEVELOPMENT.email, approvedBy: actors.EXECUTIVE.label },
    });
    const approvalRows = await auditsOf(approval.id);
    expect(approvalRows.map((e) => [e.action, e.actorLabel])).toEqual([['approval.requested', actors.BUSINESS_DEVELOPMENT.label], ['approval.approved', actors.EXECUTIVE.label]]);
    expect(approvalRows[1]!.context).toMatchObject({ comment: 'Go ahead.', requestedBy: actors.BUSINESS_DEVELOPMENT.email });
  });

  it('self-approval is refused, even for an administrator; someone else approves the signing', async () => {
    const deal = await openDeal(actors.ADMIN, { name: 'Self-approval deal', openedOn: '2024-01-10', stage: 'NEGOTIATING', parties: [{ organization: 'Apple Inc.', role: 'Wallet' }] });
    const asked = await movePartnershipStage(actors.ADMIN, deal.slug, { version: 1, to: 'SIGNED', signedOn: '2024-05-02', reason: 'Contract signed in Cupertino' });
    expect(isApprovalRequested(asked)).toBe(true);
    const { approval } = asked as ApprovalRequested;
    expect(approval).toMatchObject({ kind: 'PARTNERSHIP_SIGNED', subject: 'Self-approval deal is signed', note: 'Contract signed in Cupertino', input: { to: 'SIGNED', signedOn: '2024-05-02' } });
    const refused = await approveRequest(actors.ADMIN, approval.id, {}).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 403 });
    expect((refused as Error).message).toMatch(/someone else must approve it/);
    expect(await approveCommand(actors.ADMIN, { id: approval.id, version: '1' })).toMatchObject({ status: 'error', code: 403 });
    expect(await rejectCommand(actors.ADMIN, { id: approval.id, version: '1', comment: 'Never mind' })).toMatchObject({ status: 'error', code: 403 });
    expect(await requestOf(approval.id)).toMatchObject({ state: 'PENDING', version: 1 });
    expect(await t.db.partnership.findUniqueOrThrow({ where: { id: deal.id } })).toMatchObject({ stage: 'NEGOTIATING' });

    const approved = await approveCommand(actors.EXECUTIVE, { id: approval.id, version: '1', comment: '' });
    expect(approved).toMatchObject({ status: 'success', message: 'Approved: Self-approval deal is signed. Self-approval deal is now signed.' });
    const signed = await t.db.partnership.findUniqueOrThrow({ where: { id: deal.id }, include: { stageChanges: { orderBy: { id: 'desc' }, take: 1 } } });
    expect(signed).toMatchObject({ stage: 'SIGNED', version: 2 });
    expect(signed.signedOn?.toISOString().slice(0, 10)).toBe('2024-05-02');
    expect(signed.stageChanges[0]).toMatchObject({ fromStage: 'NEGOTIATING', toStage: 'SIGNED', reason: 'Contract signed in Cupertino', actorId: actors.EXECUTIVE.userId });
    const moved = await t.db.auditEvent.findFirstOrThrow({ where: { entityId: deal.id, action: 'partnership.stage_moved' } });
    expect(moved.context).toMatchObject({ requestedBy: actors.ADMIN.email, approvedBy: actors.EXECUTIVE.label });
  });

  it('two approvers at once: exactly one decision and one move; the other is told who decided (409)', async () => {
    const { rollout } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    const results = await Promise.allSettled([
      approveRequest(actors.EXECUTIVE, approval.id, { comment: 'Yes' }),
      approveRequest(secondExecutive, approval.id, { comment: 'Yes too' }),
      approveRequest(actors.ADMIN, approval.id, {}),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(2);
    const decided = await t.db.approvalRequest.findUniqueOrThrow({ where: { id: approval.id }, include: { decidedBy: true } });
    expect(decided.state).toBe('APPROVED');
    for (const l of lost) {
      expect(l.reason).toMatchObject({ status: 409 });
      expect((l.reason as Error).message).toContain(`already approved by ${decided.decidedBy!.name}`);
    }
    expect((await auditsOf(rollout.id)).map((e) => e.action)).toEqual(['rollout.updated']);
    expect((await auditsOf(approval.id)).map((e) => e.action)).toEqual(['approval.requested', 'approval.approved']);
    expect(await rolloutOf(rollout.id)).toMatchObject({ status: 'LIVE', version: 2 });
  });

  it('an approver and a rejecter at once: one decision', async () => {
    const { rollout } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    const results = await Promise.allSettled([
      approveRequest(actors.EXECUTIVE, approval.id, {}),
      rejectRequest(secondExecutive, approval.id, { comment: 'Not this quarter.' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const state = (await requestOf(approval.id)).state;
    expect((await rolloutOf(rollout.id)).status).toBe(state === 'APPROVED' ? 'LIVE' : 'PLANNED');
    expect(await t.db.auditEvent.count({ where: { entityId: approval.id, action: { in: ['approval.approved', 'approval.rejected'] } } })).toBe(1);
  });

  it('a gate that closed while the request waited: the approval is refused naming it, nothing moves, the request stays pending', async () => {
    const { rollout, checkpoint } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    await updateCheckpoint(actors.BUSINESS_DEVELOPMENT, checkpoint.id, { version: 1, status: 'PREPARING' }); // renewal: no longer approved
    const audits = await t.db.auditEvent.count();
    const refused = await approveRequest(actors.EXECUTIVE, approval.id, { comment: 'Go' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, blockers: [{ kind: 'checkpoint', id: checkpoint.id, name: checkpoint.regulator, reason: 'preparing' }] });
    expect((refused as Error).message).toMatch(new RegExp(`cannot go live yet. Blocked by: ${checkpoint.regulator} \\(preparing\\).*the request stays pending`));
    expect(await requestOf(approval.id)).toMatchObject({ state: 'PENDING', version: 1, decidedById: null });
    expect(await rolloutOf(rollout.id)).toMatchObject({ status: 'PLANNED', version: 1 });
    expect(await t.db.auditEvent.count()).toBe(audits);
    // The form says the same.
    const form = await approveCommand(actors.EXECUTIVE, { id: approval.id, version: '1' });
    expect(form).toMatchObject({ status: 'error', code: 422, message: expect.stringMatching(/stays pending/) });
    // Approved again once the gate holds: it goes live.
    await updateCheckpoint(actors.BUSINESS_DEVELOPMENT, checkpoint.id, { version: 2, status: 'FILED' });
    await updateCheckpoint(actors.BUSINESS_DEVELOPMENT, checkpoint.id, { version: 3, status: 'APPROVED' });
    expect((await approveRequest(actors.EXECUTIVE, approval.id, {})).rollout).toMatchObject({ status: 'LIVE' });
  });

  it('a milestone reopened while waiting refuses the approval too', async () => {
    const { rollout, milestone } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    await t.db.milestone.update({ where: { id: milestone.id }, data: { status: 'IN_PROGRESS' } });
    await expect(approveRequest(actors.EXECUTIVE, approval.id, {})).rejects.toMatchObject({ status: 422, blockers: [{ kind: 'milestone', id: milestone.id }] });
    expect((await requestOf(approval.id)).state).toBe('PENDING');
  });

  it('reject needs a comment; a rejected request moves nothing and cannot be approved afterwards', async () => {
    const { rollout } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    expect(await rejectCommand(actors.EXECUTIVE, { id: approval.id, version: '1', comment: '   ' })).toMatchObject({ status: 'error', code: 422, fieldErrors: { comment: expect.any(Array) } });
    expect(await rejectCommand(actors.EXECUTIVE, { id: approval.id, version: '1' })).toMatchObject({ status: 'error', code: 422 });
    expect(await rejectCommand(actors.EXECUTIVE, { id: approval.id, version: '1', comment: 'Wait for the card network’s sign-off.' })).toMatchObject({ status: 'success' });
    expect(await requestOf(approval.id)).toMatchObject({ state: 'REJECTED', decisionNote: 'Wait for the card network’s sign-off.', decidedById: actors.EXECUTIVE.userId });
    expect((await rolloutOf(rollout.id)).status).toBe('PLANNED');
    const late = await approveRequest(secondExecutive, approval.id, {}).catch((e: unknown) => e);
    expect(late).toMatchObject({ status: 409 });
    expect((late as Error).message).toMatch(/already rejected by/);
    // Rejected, the move may be asked for again.
    expect((await askToGoLive(rollout.id)).approval.id).not.toBe(approval.id);
  });

  it('the requester may withdraw; nobody else can; roles without approvals.decide cannot decide', async () => {
    const { rollout } = await readyRollout();
    const { approval } = await askToGoLive(rollout.id);
    expect(await approveCommand(actors.ANALYST, { id: approval.id, version: '1' })).toMatchObject({ status: 'error', code: 403 });
    expect(await approveCommand(actors.BUSINESS_DEVELOPMENT, { id: approval.id, version: '1' })).toMatchObject({ status: 'error', code: 403 });
    await expect(withdrawRequest(actors.EXECUTIVE, approval.id, {})).rejects.toMatchObject({ status: 403 });
    await expect(approveRequest(actors.EXECUTIVE, approval.id, { version: 5 })).rejects.toMatchObject({ status: 409 });
    expect(await withdrawCommand(actors.BUSINESS_DEVELOPMENT, { id: approval.id, version: '1' })).toMatchObject({ status: 'success' });
    expect(await requestOf(approval.id)).toMatchObject({ state: 'WITHDRAWN', decidedById: actors.BUSINESS_DEVELOPMENT.userId });
    expect((await auditsOf(approval.id)).map((e) => e.action)).toEqual(['approval.requested', 'approval.withdrawn']);
    await expect(approveRequest(actors.EXECUTIVE, approval.id, {})).rejects.toMatchObject({ status: 409 });
    await expect(approveRequest(actors.EXECUTIVE, 'no-such-request', {})).rejects.toMatchObject({ status: 404 });
  });

  it('the form says "Sent for approval" when business development asks for Live', async () => {
    const { rollout } = await readyRollout();
    const result = await updateRolloutCommand(actors.BUSINESS_DEVELOPMENT, { id: rollout.id, version: '1', status: 'LIVE' });
    expect(result).toMatchObject({ status: 'success', message: expect.stringMatching(/^Sent for approval: Approval land \d+ goes live\./) });
  });
});

describe('the list', () => {
  it('pending first (oldest first), then decided; pages', async () => {
    const all = await findApprovals({ state: 'all', page: 1, limit: 100 });
    const states = all.approvals.map((a) => a.state);
    const firstDecided = states.findIndex((s) => s !== 'PENDING');
    expect(states.slice(firstDecided).every((s) => s !== 'PENDING')).toBe(true);
    const pending = await findApprovals({ state: 'pending', page: 1, limit: 100 });
    expect(pending.approvals.every((a) => a.state === 'PENDING')).toBe(true);
    const one = await findApprovals({ state: 'all', page: 1, limit: 1 });
    const two = await findApprovals({ state: 'all', page: 2, limit: 1 });
    expect(one.next).toBe(2);
    expect(two.approvals[0]!.id).toBe(all.approvals[1]!.id);
  });
});

describe('API', () => {
  type Handler = (request: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>;
  const call = async (handler: unknown, method: string, token: string, params: Record<string, string>, body?: unknown, query = '') => {
    const request = new Request(`http://accord.test/api${query}`, {
      method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const response = await (handler as Handler)(request, { params: Promise.resolve(params) });
    const unread = response.clone();
    return { status: response.status, json: (await response.json()) as Record<string, unknown>, location: response.headers.get('location'), response: unread };
  };
  const tokens = {} as Record<'bd' | 'exec' | 'analyst' | 'admin', string>;
  beforeAll(async () => {
    const make = async (role: Role) => (await createApiToken(actors[role], { ownerId: actors[role].userId!, name: 'approvals', readOnly: false })).token;
    tokens.bd = await make('BUSINESS_DEVELOPMENT');
    tokens.exec = await make('EXECUTIVE');
    tokens.analyst = await make('ANALYST');
    tokens.admin = await make('ADMIN');
  });

  it('PATCH a rollout to LIVE answers 202 with the request; approve and reject over the API', async () => {
    const { rollout } = await readyRollout();
    const asked = await call(rolloutRoute.PATCH, 'PATCH', tokens.bd, { id: rollout.id }, { version: 1, status: 'LIVE' });
    expect(asked.status).toBe(202);
    // As the OpenAPI document describes the 202 (the contract plan has no rollout ready to go live).
    expect(await documentProblems('PATCH', '/api/v1/rollouts/{id}', asked.response)).toEqual([]);
    const approval = asked.json.approval as { id: string; state: string; kind: string };
    expect(approval).toMatchObject({ state: 'PENDING', kind: 'ROLLOUT_LIVE' });
    expect(asked.location).toBe(`/api/v1/approvals/${approval.id}`);
    expect((await call(rolloutRoute.PATCH, 'PATCH', tokens.bd, { id: rollout.id }, { version: 1, status: 'LIVE' })).status).toBe(409);

    const one = await call(approvalOne.GET, 'GET', tokens.bd, { id: approval.id });
    expect(one).toMatchObject({ status: 200, json: { approval: { id: approval.id, state: 'PENDING' } } });
    expect((await call(approvalOne.GET, 'GET', tokens.exec, { id: 'nope' })).status).toBe(404);
    expect((await call(approvalOne.GET, 'GET', tokens.analyst, { id: approval.id })).status).toBe(403);
    const listed = await call(approvalsList.GET, 'GET', tokens.exec, {}, undefined, '?state=pending');
    expect(listed.status).toBe(200);
    expect((listed.json.approvals as { id: string }[]).map((a) => a.id)).toContain(approval.id);
    expect((await call(approvalsList.GET, 'GET', tokens.exec, {}, undefined, '?state=maybe')).status).toBe(422);
    expect((await call(approvalsList.GET, 'GET', tokens.exec, {}, undefined, '?limit=0')).status).toBe(422);

    expect((await call(approveRoute.POST, 'POST', tokens.bd, { id: approval.id }, {})).status).toBe(403); // no approvals.decide
    expect((await call(approveRoute.POST, 'POST', tokens.exec, { id: approval.id }, 'not json')).status).toBe(422);
    expect((await call(approveRoute.POST, 'POST', tokens.exec, { id: approval.id }, { comment: 'ok', extra: 1 })).status).toBe(422);
    expect((await call(approveRoute.POST, 'POST', tokens.exec, { id: 'no-such-request' }, {})).status).toBe(404);
    expect((await call(rejectRoute.POST, 'POST', tokens.exec, { id: approval.id }, {})).status).toBe(422); // a comment is required
    const approved = await call(approveRoute.POST, 'POST', tokens.exec, { id: approval.id }, { comment: 'Launch it.', version: 1 });
    expect(approved).toMatchObject({ status: 200, json: { approval: { state: 'APPROVED', decisionNote: 'Launch it.' }, rollout: { status: 'LIVE' } } });
    const again = await call(approveRoute.POST, 'POST', tokens.admin, { id: approval.id }, {});
    expect(again.status).toBe(409);
    expect(again.json.error).toMatch(/already approved by/);

    const second = await readyRollout();
    const pending = (await call(rolloutRoute.PATCH, 'PATCH', tokens.bd, { id: second.rollout.id }, { version: 1, status: 'LIVE' })).json.approval as { id: string };
    expect((await call(withdrawRoute.POST, 'POST', tokens.exec, { id: pending.id }, {})).status).toBe(403);
    const rejected = await call(rejectRoute.POST, 'POST', tokens.exec, { id: pending.id }, { comment: 'Not yet.' });
    expect(rejected).toMatchObject({ status: 200, json: { approval: { state: 'REJECTED' } } });
    expect((await rolloutOf(second.rollout.id)).status).toBe('PLANNED');
  });

  it('POST stage SIGNED answers 202; the administrator who asked cannot approve it over the API either', async () => {
    const deal = await openDeal(actors.ADMIN, { name: 'API signing deal', openedOn: '2024-01-10', stage: 'NEGOTIATING', parties: [{ organization: 'Apple Inc.', role: 'Wallet' }] });
    const asked = await call(stageRoute.POST, 'POST', tokens.admin, { slug: deal.slug }, { version: 1, to: 'SIGNED', signedOn: '2024-06-01' });
    expect(asked.status).toBe(202);
    expect(await documentProblems('POST', '/api/v1/partnerships/{slug}/stage', asked.response)).toEqual([]);
    const id = (asked.json.approval as { id: string }).id;
    const self = await call(approveRoute.POST, 'POST', tokens.admin, { id }, {});
    expect(self.status).toBe(403);
    expect(self.json.error).toMatch(/someone else must approve it/);
    const approved = await call(approveRoute.POST, 'POST', tokens.exec, { id }, {});
    expect(approved).toMatchObject({ status: 200, json: { partnership: { stage: 'SIGNED', signedOn: '2024-06-01' } } });
    // Moves other than Signed answer 200 as before.
    expect((await call(stageRoute.POST, 'POST', tokens.admin, { slug: deal.slug }, { version: 2, to: 'INTEGRATING' })).status).toBe(200);
  });
});
