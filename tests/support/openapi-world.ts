import { userActor, type Actor } from '@/server/auth/actor';
import { createNote } from '@/server/notes/mutations';
import { createApiToken } from '@/server/tokens/mutations';
import { createView } from '@/server/views/mutations';
import { createWebhookEndpoint } from '@/tests/factories/builders';
import { APPLE_PAY_ALIPAY } from '@/tests/factories/demo';
import { actorsByRole } from '@/tests/support/actors';
import type { TestDatabase } from '@/tests/support/test-database';

/**
 * The world the OpenAPI contract test (tests/db/openapi-contract.test.ts) calls every documented
 * operation in: the demo data (as tests/db/fuzz-api.test.ts uses it), a token per role, and one thing
 * of each kind the API addresses (a note, a view, a webhook and a delivery, an approval request, a
 * notification, a subscription…), several where one is used up (deleted, decided, revoked).
 */
export type ContractWorld = Awaited<ReturnType<typeof buildContractWorld>>;

export async function buildContractWorld(t: TestDatabase) {
  const db = t.db;
  const actors = await actorsByRole(db);
  const token = async (actor: Actor, readOnly = false) =>
    (await createApiToken(actor, { ownerId: actor.userId!, name: 'contract', readOnly })).token;
  const demoPartner = await db.user.findFirstOrThrow({ where: { role: 'PARTNER', organization: { parties: { some: { partnership: { slug: APPLE_PAY_ALIPAY } } } } } });
  const partner = userActor({ ...demoPartner, role: 'PARTNER' });
  const tokens = {
    executive: await token(actors.EXECUTIVE),
    bd: await token(actors.BUSINESS_DEVELOPMENT),
    bdReadOnly: await token(actors.BUSINESS_DEVELOPMENT, true),
    analyst: await token(actors.ANALYST),
    analystReadOnly: await token(actors.ANALYST, true),
    admin: await token(actors.ADMIN),
    adminReadOnly: await token(actors.ADMIN, true),
    partner: await token(partner),
    outsidePartner: await token(actors.PARTNER),
  };
  // A token of business development's to revoke through the API.
  const spareToken = await createApiToken(actors.BUSINESS_DEVELOPMENT, { ownerId: actors.BUSINESS_DEVELOPMENT.userId!, name: 'to revoke', readOnly: false });

  const deal = await db.partnership.findUniqueOrThrow({ where: { slug: APPLE_PAY_ALIPAY }, select: { id: true, slug: true } });
  const milestone = await db.milestone.findFirstOrThrow({ where: { partnershipId: deal.id, deletedAt: null }, select: { id: true }, orderBy: { id: 'asc' } });
  const checkpoint = await db.regulatoryCheckpoint.findFirstOrThrow({ where: { partnershipId: deal.id }, select: { id: true }, orderBy: { id: 'asc' } });
  const rollouts = await db.rollout.findMany({ where: { partnershipId: deal.id }, select: { id: true, status: true }, orderBy: { id: 'asc' } });
  const organization = await db.organization.findFirstOrThrow({ select: { id: true }, orderBy: { id: 'asc' } });
  const partnerOrganization = demoPartner.organizationId!;

  const notes = await Promise.all(['one', 'two', 'three'].map((word) =>
    createNote(actors.ANALYST, { subjectType: 'partnership', subjectId: deal.id, body: `Contract note ${word}.` })));
  const views = await Promise.all([
    createView(actors.ANALYST, { name: 'Contract view', kind: 'portfolio', shared: false, query: 'stage=SIGNED' }),
    createView(actors.ANALYST, { name: 'Contract view to delete', kind: 'portfolio', shared: false, query: '' }),
  ]);
  const hooks = [await createWebhookEndpoint(db, { events: ['note'] }), await createWebhookEndpoint(db, { events: ['import'] })];
  const delivery = await db.webhookDelivery.create({
    data: { endpointId: hooks[0]!.id, event: 'note.created', entityKey: 'Note:contract', payload: { id: '1' }, state: 'SUCCEEDED', attempts: 1 },
  });
  const pendingDelivery = await db.webhookDelivery.create({
    data: { endpointId: hooks[0]!.id, event: 'note.created', entityKey: 'Note:contract-2', payload: { id: '2' }, state: 'PENDING', attempts: 0 },
  });
  // Approval requests asked by business development: one to reject, one to withdraw, one to decide twice.
  const planned = await db.rollout.findMany({ where: { status: 'PLANNED' }, select: { id: true, partnershipId: true }, take: 3, orderBy: { id: 'asc' } });
  const approvals = await Promise.all(planned.map(async (r) => (await db.approvalRequest.create({
    data: { kind: 'ROLLOUT_LIVE', partnershipId: r.partnershipId, rolloutId: r.id, input: { status: 'LIVE' }, requestedById: actors.BUSINESS_DEVELOPMENT.userId! },
  })).id));
  const notifications = await Promise.all(['a', 'b'].map(async (k) => (await db.notification.create({
    data: { userId: actors.ANALYST.userId!, reason: 'MENTION', title: `Contract notification ${k}`, detail: 'Detail', href: `/partnerships/${deal.slug}`, dedupeKey: `contract-${k}` },
  })).id));
  const subscriptions = await Promise.all([1, 2].map(async () => (await db.subscription.create({
    data: { userId: actors.ANALYST.userId!, kind: 'DIGEST', cadence: 'WEEKLY', day: 1, localTime: '08:00', timeZone: 'Europe/London', nextRunAt: new Date('2026-12-01T08:00:00Z') },
  })).id));

  const expiredInvitation = await db.invitation.create({
    data: { email: 'expired@alipay.example', name: 'Too Late', organizationId: partnerOrganization, tokenHash: 'contract-expired', expiresAt: new Date('2026-01-01T00:00:00Z') },
  });

  return {
    db, actors, expiredInvitation: expiredInvitation.id, tokens, spareTokenId: spareToken.id, deal, milestone: milestone.id, checkpoint: checkpoint.id,
    rollout: rollouts[0]!.id, organization: organization.id, partnerOrganization,
    notes: notes.map((n) => n.id), views: views.map((v) => v.id), hooks: hooks.map((h) => h.id),
    delivery: delivery.id, pendingDelivery: pendingDelivery.id, approvals, notifications, subscriptions,
    /** Filled as the cases run: what the success cases made (a partnership, an organization, a document…). */
    made: {} as Record<string, string>,
  };
}
