import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { daysBetween, dateToDay, dayToDate, todayIn } from '@/lib/dates';
import { CONFIDENTIAL_FIELD_LABELS } from '@/lib/schemas/field-policies';
import { suggestSlug, type CreatePartnershipInput, type UpdatePartnershipInput } from '@/lib/schemas/partnerships';
import { withoutHiddenFields } from '@/server/access/fields';
import { changedFields, recordAudit } from '@/server/audit/record';
import type { Actor } from '@/server/auth/actor';
import { assertVersion, lostRace } from '@/server/concurrency';
import { db } from '@/server/db';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@/server/errors';
import { resolveOrganizations } from '@/server/organizations/resolve';
import { hiddenFieldsFor, RECORD_INCLUDE, toRecordDto, type PartnershipRecord } from './record';
import { copyPlan } from './template';

type Tx = Prisma.TransactionClient;

const slugTaken = (slug: string) =>
  new ConflictError(`The web address "${slug}" is already used by another partnership. Choose another one.`);

const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === 'P2002';

/** The owner: an active person named by email, or the person acting. */
async function resolveOwner(tx: Tx, actor: Actor, email: string | undefined): Promise<string> {
  if (!email) {
    if (!actor.userId) throw new ValidationError('Choose an owner.', { ownerEmail: ['Choose who owns this partnership.'] });
    return actor.userId;
  }
  const user = await tx.user.findUnique({ where: { email }, select: { id: true, deactivatedAt: true } });
  if (!user || user.deactivatedAt) throw new ValidationError('Choose an active person as owner.', { ownerEmail: [`No active person with the email ${email}.`] });
  return user.id;
}

const optionalDay = (d: string | null | undefined) => (d ? dayToDate(d) : null);

/**
 * Opens a partnership (issue 12): its parties (organizations found by name or created), owner,
 * stage (recorded as the first row of its stage history) and, from a template, another deal's
 * plan. One audit row, in the same transaction. A taken web address answers 409.
 */
export async function createPartnership(actor: Actor, input: CreatePartnershipInput): Promise<PartnershipRecord> {
  const slug = input.slug ?? suggestSlug(input.name);
  const stage = input.stage ?? 'EXPLORING';
  if (slug.length < 3) throw new ValidationError('Choose a web address.', { slug: ['The name gives no usable web address; type one (letters, digits, hyphens).'] });
  try {
    return await db.$transaction(async (tx) => {
      if (await tx.partnership.findUnique({ where: { slug }, select: { id: true } })) throw slugTaken(slug);
      const template = input.template
        ? await tx.partnership.findUnique({ where: { slug: input.template }, select: { id: true, slug: true, openedOn: true } })
        : null;
      if (input.template && !template) throw new ValidationError('Choose an existing partnership as template.', { template: [`No partnership "${input.template}".`] });
      const ownerId = await resolveOwner(tx, actor, input.ownerEmail);
      const orgs = await resolveOrganizations(tx, input.parties.map((p) => p.organization));
      // The opening is the first stage-history row, dated on the day the deal was opened (a deal
      // recorded after the fact has been in its stage since then), never in the future.
      const now = new Date();
      const openedAt = input.openedOn < todayIn('UTC', now) ? dayToDate(input.openedOn) : now;
      const p = await tx.partnership.create({
        data: {
          slug,
          name: input.name,
          summary: input.summary ?? '',
          stage,
          ownerId,
          openedOn: dayToDate(input.openedOn),
          targetSignOn: optionalDay(input.targetSignOn),
          targetLaunchOn: optionalDay(input.targetLaunchOn),
          signedOn: optionalDay(input.signedOn),
          stageChangedAt: openedAt,
          parties: { create: input.parties.map((party, i) => ({ organizationId: orgs.ids[i]!, role: party.role, sortOrder: i })) },
          stageChanges: { create: { fromStage: null, toStage: stage, changedAt: openedAt, actorId: actor.userId, actorLabel: actor.label, reason: null } },
        },
        select: { id: true },
      });
      const copied = template ? await copyPlan(tx, template.id, p.id, daysBetween(dateToDay(template.openedOn), input.openedOn)) : null;
      await recordAudit(tx, actor, {
        entityType: 'Partnership', entityId: p.id, action: 'partnership.created', partnershipId: p.id,
        after: { name: input.name, slug, stage, openedOn: input.openedOn, parties: input.parties },
        context: { ...(template ? { template: template.slug, copied } : {}), ...(orgs.created.length ? { organizationsCreated: orgs.created } : {}) },
      });
      return toRecordDto(await tx.partnership.findUniqueOrThrow({ where: { id: p.id }, include: RECORD_INCLUDE }));
    }, { timeout: 30_000 });
  } catch (error) {
    // Two people opening the same address at the same moment: the unique index refuses the second.
    if (isUniqueViolation(error)) throw slugTaken(slug);
    throw error;
  }
}

const plainRecord = (r: PartnershipRecord) => ({
  name: r.name, summary: r.summary, ownerEmail: r.owner.email, openedOn: r.openedOn, targetSignOn: r.targetSignOn,
  targetLaunchOn: r.targetLaunchOn, signedOn: r.signedOn, parties: r.parties.map((p) => ({ organization: p.organization, role: p.role })),
});

/** Edits the record (name, parties, owner, summary, key dates) if nobody changed it since `version`. */
export async function updatePartnership(actor: Actor, slug: string, input: UpdatePartnershipInput): Promise<PartnershipRecord> {
  // Confidential fields (issue 17, item 5): one this editor may not see is neither shown in a 409
  // nor changed by them (the edit form leaves it out). Read before the transaction: the embedded
  // database has one connection, which the transaction holds.
  const found = await db.partnership.findUnique({ where: { slug }, select: { id: true } });
  const hidden = found ? await hiddenFieldsFor(actor, found.id) : [];
  return db.$transaction(async (tx) => {
    const row = await tx.partnership.findUnique({ where: { slug }, include: RECORD_INCLUDE });
    if (!row) throw new NotFoundError(`No partnership "${slug}".`);
    const current = toRecordDto(row);
    await assertVersion(tx, { type: 'Partnership', id: row.id, noun: 'partnership', version: row.version }, input.version, () => withoutHiddenFields(current, hidden), hidden);
    const refused = hidden.filter((f) => f !== 'targets' && (input as Record<string, unknown>)[f] !== undefined);
    if (refused.length) {
      throw new ForbiddenError(`${refused.map((f) => CONFIDENTIAL_FIELD_LABELS[f]).join(', ')}: confidential on this partnership and not shown to your role, so you cannot change it.`);
    }
    const next = {
      name: input.name ?? current.name,
      summary: input.summary ?? current.summary,
      ownerEmail: input.ownerEmail ?? current.owner.email,
      openedOn: input.openedOn ?? current.openedOn,
      targetSignOn: input.targetSignOn === undefined ? current.targetSignOn : input.targetSignOn,
      targetLaunchOn: input.targetLaunchOn === undefined ? current.targetLaunchOn : input.targetLaunchOn,
      signedOn: input.signedOn === undefined ? current.signedOn : input.signedOn,
      parties: input.parties ?? current.parties,
    };
    // A target date hidden from this editor is never checked against what they type: a refusal that
    // depended on it would tell its value, one try at a time. Instead, while one is hidden, the opened
    // date may move earlier (which cannot put a stored date before it) but not later, whatever the
    // hidden dates are, even unset (docs/decisions/009-partner-access.md, confidential fields).
    const hiddenDates = (['targetSignOn', 'targetLaunchOn'] as const).filter((f) => hidden.includes(f));
    if (hiddenDates.length && next.openedOn > current.openedOn) {
      const which = hiddenDates.map((f) => CONFIDENTIAL_FIELD_LABELS[f].toLowerCase()).join(' and ');
      const message = `The opened date can only move earlier for you: the ${which} of this partnership ${hiddenDates.length > 1 ? 'are' : 'is'} confidential to your role, and only someone who sees ${hiddenDates.length > 1 ? 'them' : 'it'} can move the opened date later.`;
      throw new ValidationError(message, { openedOn: [message] });
    }
    for (const key of ['targetSignOn', 'targetLaunchOn', 'signedOn'] as const) {
      const value = next[key];
      if (hiddenDates.some((f) => f === key)) continue;
      if (value && value < next.openedOn) throw new ValidationError('Some dates come before the partnership was opened.', { [key]: ['This date cannot be before the partnership was opened.'] });
    }
    if (!next.signedOn && ['SIGNED', 'INTEGRATING', 'LAUNCHED'].includes(current.stage)) {
      throw new ValidationError('A signed partnership keeps its signing date.', { signedOn: ['A signed partnership needs the date it was signed.'] });
    }
    const diff = changedFields(plainRecord(current), next);
    if (!diff.changed) return current;
    const ownerId = diff.after.ownerEmail !== undefined ? await resolveOwner(tx, actor, next.ownerEmail) : undefined;
    let organizationsCreated: string[] = [];
    if (diff.after.parties !== undefined) {
      const orgs = await resolveOrganizations(tx, next.parties.map((p) => p.organization));
      organizationsCreated = orgs.created;
      await tx.partnershipParty.deleteMany({ where: { partnershipId: row.id } });
      await tx.partnershipParty.createMany({ data: next.parties.map((party, i) => ({ partnershipId: row.id, organizationId: orgs.ids[i]!, role: party.role, sortOrder: i })) });
    }
    const updated = await tx.partnership.updateMany({
      where: { id: row.id, version: input.version },
      data: {
        name: next.name, summary: next.summary, ownerId, openedOn: dayToDate(next.openedOn), targetSignOn: optionalDay(next.targetSignOn),
        targetLaunchOn: optionalDay(next.targetLaunchOn), signedOn: optionalDay(next.signedOn), version: { increment: 1 },
      },
    });
    if (updated.count !== 1) throw lostRace('partnership');
    await recordAudit(tx, actor, {
      entityType: 'Partnership', entityId: row.id, action: 'partnership.updated', partnershipId: row.id, before: diff.before, after: diff.after,
      context: organizationsCreated.length ? { organizationsCreated } : null,
    });
    return toRecordDto(await tx.partnership.findUniqueOrThrow({ where: { id: row.id }, include: RECORD_INCLUDE }));
  });
}
