import 'server-only';
import { dateToDay, todayIn, type IsoDay } from '@/lib/dates';
import type { PartnershipStage } from '@/lib/domain';
import { stageAge, stageMoves, type StageMove } from '@/lib/rules/stages';
import type { Prisma } from '@/generated/prisma/client';
import { fieldAccess, withoutHiddenFields } from '@/server/access/fields';
import { metricAudience } from '@/server/access/metrics';
import type { Actor } from '@/server/auth/actor';
import { db } from '@/server/db';
import { NotFoundError } from '@/server/errors';

/** A partnership's own record (not its plan or metrics): what the edit form and the API show. */
export type PartnershipRecord = {
  id: string;
  slug: string;
  name: string;
  stage: PartnershipStage;
  summary: string;
  owner: { email: string; name: string };
  openedOn: IsoDay;
  targetSignOn: IsoDay | null;
  targetLaunchOn: IsoDay | null;
  signedOn: IsoDay | null;
  closedOn: IsoDay | null;
  stageChangedAt: string;
  daysInStage: number;
  stageLimitDays: number | null;
  stageOverdue: boolean;
  isDemoData: boolean;
  version: number;
  parties: { organization: string; role: string }[];
  stageHistory: StageMove[];
};

export const RECORD_INCLUDE = {
  owner: { select: { email: true, name: true } },
  parties: { orderBy: { sortOrder: 'asc' }, select: { role: true, organization: { select: { name: true } } } },
  stageChanges: { orderBy: [{ changedAt: 'desc' }, { id: 'desc' }] as Prisma.StageChangeOrderByWithRelationInput[], select: { fromStage: true, toStage: true, changedAt: true, actorLabel: true, reason: true, actor: { select: { name: true } } } },
} satisfies Prisma.PartnershipInclude;

type Row = NonNullable<Awaited<ReturnType<typeof loadRow>>>;
const loadRow = (slug: string) => db.partnership.findUnique({ where: { slug }, include: RECORD_INCLUDE });
const day = (d: Date | null) => (d ? dateToDay(d) : null);

export function toRecordDto(p: Row, today = todayIn('UTC')): PartnershipRecord {
  const age = stageAge(p.stage, dateToDay(p.stageChangedAt), today);
  return {
    id: p.id,
    slug: p.slug,
    name: p.name,
    stage: p.stage,
    summary: p.summary,
    owner: p.owner,
    openedOn: dateToDay(p.openedOn),
    targetSignOn: day(p.targetSignOn),
    targetLaunchOn: day(p.targetLaunchOn),
    signedOn: day(p.signedOn),
    closedOn: day(p.closedOn),
    stageChangedAt: p.stageChangedAt.toISOString(),
    daysInStage: age.days,
    stageLimitDays: age.limit,
    stageOverdue: age.overdue,
    isDemoData: p.isDemoData,
    version: p.version,
    parties: p.parties.map((x) => ({ organization: x.organization.name, role: x.role })),
    stageHistory: stageMoves(p.stageChanges.map((c) => ({ ...c, by: c.actor?.name ?? c.actorLabel })), today),
  };
}

export async function findPartnershipRecord(slug: string): Promise<PartnershipRecord | null> {
  const p = await loadRow(slug);
  return p ? toRecordDto(p) : null;
}

export async function requirePartnershipRecord(slug: string): Promise<PartnershipRecord> {
  const p = await findPartnershipRecord(slug);
  if (!p) throw new NotFoundError(`No partnership "${slug}".`);
  return p;
}

/** People who can own a deal: active users, business development and administrators first. */
export async function findPossibleOwners(): Promise<{ email: string; name: string }[]> {
  const users = await db.user.findMany({ where: { deactivatedAt: null }, select: { email: true, name: true, role: true }, orderBy: { name: 'asc' } });
  const rank = (r: string) => (r === 'BUSINESS_DEVELOPMENT' ? 0 : r === 'ADMIN' ? 1 : 2);
  return users.sort((a, b) => rank(a.role) - rank(b.role) || a.name.localeCompare(b.name)).map(({ email, name }) => ({ email, name }));
}

/** The fields of a partnership confidential to this actor (issue 17, item 5; server/access/fields.ts). */
export async function hiddenFieldsFor(actor: Actor, partnershipId: string) {
  return (await fieldAccess(metricAudience(actor), partnershipId)).hidden;
}

/** The record as the API gives it to `actor`: fields confidential to them are absent, listed in `hiddenFields`. */
export async function recordSeenBy<R extends { id: string }>(actor: Actor, record: R) {
  return withoutHiddenFields(record, await hiddenFieldsFor(actor, record.id));
}
