import { randomBytes } from 'node:crypto';
import type {
  CheckpointStatus,
  MetricAggregation,
  MilestoneStatus,
  OrganizationKind,
  PartnershipStage,
  Prisma,
  RiskLevel,
  Role,
  RolloutStatus,
} from '@/generated/prisma/client';
import { dayToDate, type IsoDay } from '@/lib/dates';
import { SIGNED_STAGES, stageMoveProblems } from '@/lib/rules/stages';
import { hashPassword } from '@/server/auth/password';

// scrypt at production cost takes ~0.3 s and 128 MB per hash, by design. Factories create many
// people with the same few passwords: hash each password once per process and reuse the hash
// (a shared salt is harmless for demo and test accounts; real accounts are hashed one by one by
// server/users). This took seeds from seconds to milliseconds on a loaded machine (issue 14, suite).
const hashes = new Map<string, Promise<string>>();
function hashOnce(password: string): Promise<string> {
  let hash = hashes.get(password);
  if (!hash) {
    hash = hashPassword(password);
    hash.catch(() => hashes.delete(password));
    hashes.set(password, hash);
  }
  return hash;
}

/**
 * Builders shared by the demo seed, unit tests and e2e fixtures (conventions: one factory set).
 * Each takes a Prisma client or transaction and returns the created row. Unique values default
 * from a counter so tests can call them freely.
 */
export type Tx = Prisma.TransactionClient;

let counter = 0;
const next = () => ++counter;
const optionalDay = (day: IsoDay | null | undefined) => (day ? dayToDate(day) : day);

export async function createUser(
  tx: Tx,
  input: { email?: string; name?: string; role?: Role; password?: string; id?: string; organizationId?: string } = {},
) {
  const n = next();
  const user = await tx.user.create({
    data: {
      id: input.id,
      email: input.email ?? `user${n}@example.test`,
      name: input.name ?? `User ${n}`,
      role: input.role ?? 'EXECUTIVE',
      // PARTNER users belong to one organization (the database checks it; issue 17).
      organizationId: input.organizationId ?? null,
      emailVerified: true,
    },
  });
  if (input.password) {
    await tx.account.create({
      data: {
        userId: user.id,
        accountId: user.id,
        providerId: 'credential',
        password: await hashOnce(input.password),
      },
    });
  }
  return user;
}

export const STANDARD_METRICS: {
  key: string;
  name: string;
  unit: string;
  aggregation: MetricAggregation;
  description: string;
  // Issue 17: shown to partner users unless a partnership says otherwise; payment volume is confidential.
  sharedByDefault: boolean;
  confidentialByDefault: boolean;
}[] = [
  { key: 'cards_added', name: 'Cards added', unit: 'cards', aggregation: 'SUM', description: 'Payment cards added to wallets that day.', sharedByDefault: true, confidentialByDefault: false },
  { key: 'active_cards', name: 'Active cards', unit: 'cards', aggregation: 'LAST', description: 'Cards used at least once in the trailing 30 days, as of that day.', sharedByDefault: true, confidentialByDefault: false },
  { key: 'transactions', name: 'Transactions', unit: 'transactions', aggregation: 'SUM', description: 'Completed payments that day.', sharedByDefault: true, confidentialByDefault: false },
  { key: 'payment_volume', name: 'Payment volume', unit: 'USD', aggregation: 'SUM', description: 'Value of completed payments that day, in US dollars.', sharedByDefault: false, confidentialByDefault: true },
];

/** Creates the standard metrics if missing; returns them keyed by `key`. */
export async function ensureMetrics(tx: Tx) {
  const rows = [];
  for (const [i, m] of STANDARD_METRICS.entries()) {
    rows.push(await tx.metric.upsert({ where: { key: m.key }, update: {}, create: { ...m, sortOrder: i } }));
  }
  return Object.fromEntries(rows.map((m) => [m.key, m]));
}

export async function ensureRegion(tx: Tx, input: { code: string; name: string; timeZone: string }) {
  return tx.region.upsert({ where: { code: input.code }, update: {}, create: input });
}

export async function createOrganization(
  tx: Tx,
  input: { name?: string; shortName?: string; website?: string; kind?: OrganizationKind; country?: string | null } = {},
) {
  return tx.organization.create({ data: { name: input.name ?? `Organization ${next()}`, ...input } });
}

/**
 * One step of a built stage history: the first is the stage the partnership was opened at (from
 * null, on `openedOn` unless `at` says otherwise); each later one is a move from the step before.
 */
export type StageStep = { to: PartnershipStage; at: IsoDay; reason?: string | null; actorId?: string | null };

/**
 * Checks a built history against the stage graph exactly as the stage command does
 * (lib/rules/stages.ts), so seeded and test histories are ones the product could have recorded.
 */
function checkStageHistory(steps: StageStep[], signedOn: IsoDay | null | undefined) {
  let previousOpenStage: PartnershipStage | null = null;
  for (let i = 1; i < steps.length; i++) {
    const from = steps[i - 1]!;
    const move = steps[i]!;
    if (move.at < from.at) throw new Error(`Stage history: ${move.to} on ${move.at} comes before ${from.to} on ${from.at}.`);
    const problems = stageMoveProblems({
      from: from.to, to: move.to, reason: move.reason, hasSignedOn: Boolean(signedOn) && signedOn! <= move.at,
      previousOpenStage: from.to === 'ON_HOLD' ? previousOpenStage : null,
    });
    if (Object.keys(problems).length) throw new Error(`Stage history ${from.to} → ${move.to} on ${move.at}: ${Object.values(problems).join(' ')}`);
    if (move.to === 'ON_HOLD') previousOpenStage = from.to;
  }
  const last = steps.at(-1)!.to;
  if (steps.length > 1 && SIGNED_STAGES.includes(last) && !signedOn) throw new Error(`Stage history ends at ${last} without a signing date.`);
}

export async function createPartnership(
  tx: Tx,
  input: {
    ownerId: string;
    id?: string;
    slug?: string;
    name?: string;
    /** The current stage; defaults to the last step of `stageHistory`, else Exploring. */
    stage?: PartnershipStage;
    summary?: string;
    openedOn?: IsoDay;
    targetSignOn?: IsoDay | null;
    targetLaunchOn?: IsoDay | null;
    signedOn?: IsoDay | null;
    isDemoData?: boolean;
    parties?: { organizationId: string; role: string }[];
    /**
     * The stage history, oldest first (see StageStep). Without it the partnership gets one row: opened
     * at `stage` on `openedOn`, as a migrated partnership has. Moves are recorded as by the owner
     * unless a step names another actor.
     */
    stageHistory?: StageStep[];
  },
) {
  const n = next();
  const openedOn = input.openedOn ?? '2024-01-01';
  const steps: StageStep[] = input.stageHistory?.length
    ? input.stageHistory
    : [{ to: input.stage ?? 'EXPLORING', at: openedOn, reason: 'Opened' }];
  const stage = steps.at(-1)!.to;
  if (input.stage && input.stage !== stage) throw new Error(`Stage history ends at ${stage}, not at the stage given (${input.stage}).`);
  if (steps[0]!.at < openedOn) throw new Error(`Stage history starts on ${steps[0]!.at}, before the partnership was opened (${openedOn}).`);
  checkStageHistory(steps, input.signedOn);
  const owner = await tx.user.findUniqueOrThrow({ where: { id: input.ownerId }, select: { id: true, email: true } });
  const actorLabels = new Map([[owner.id, owner.email]]);
  for (const s of steps) {
    if (s.actorId && !actorLabels.has(s.actorId)) {
      actorLabels.set(s.actorId, (await tx.user.findUniqueOrThrow({ where: { id: s.actorId }, select: { email: true } })).email);
    }
  }
  return tx.partnership.create({
    data: {
      id: input.id,
      slug: input.slug ?? `partnership-${n}`,
      name: input.name ?? `Partnership ${n}`,
      stage,
      summary: input.summary ?? '',
      ownerId: input.ownerId,
      openedOn: dayToDate(openedOn),
      targetSignOn: optionalDay(input.targetSignOn),
      targetLaunchOn: optionalDay(input.targetLaunchOn),
      signedOn: optionalDay(input.signedOn),
      closedOn: stage === 'ENDED' ? dayToDate(steps.at(-1)!.at) : undefined,
      stageChangedAt: dayToDate(steps.at(-1)!.at),
      isDemoData: input.isDemoData ?? false,
      parties: input.parties
        ? { create: input.parties.map((p, i) => ({ ...p, sortOrder: i })) }
        : undefined,
      stageChanges: {
        create: steps.map((s, i) => {
          const actorId = s.actorId ?? input.ownerId;
          return {
            fromStage: i === 0 ? null : steps[i - 1]!.to,
            toStage: s.to,
            changedAt: dayToDate(s.at),
            actorId,
            actorLabel: actorLabels.get(actorId)!,
            reason: s.reason?.trim() || null,
          };
        }),
      },
    },
  });
}

export async function createMilestone(
  tx: Tx,
  input: {
    partnershipId: string;
    id?: string;
    title?: string;
    description?: string;
    ownerId?: string | null;
    dueOn?: IsoDay | null;
    status?: MilestoneStatus;
    blockedReason?: string | null;
    completedAt?: Date | null;
    sortOrder?: number;
    dependsOnIds?: string[];
    /** Shown to the deal's partner users (issue 17). */
    sharedWithPartners?: boolean;
  },
) {
  const { dependsOnIds, dueOn, ...rest } = input;
  return tx.milestone.create({
    data: {
      ...rest,
      title: input.title ?? `Milestone ${next()}`,
      dueOn: optionalDay(dueOn),
      dependsOn: dependsOnIds?.length ? { create: dependsOnIds.map((dependsOnId) => ({ dependsOnId })) } : undefined,
    },
  });
}

export async function createCheckpoint(
  tx: Tx,
  input: {
    partnershipId: string;
    id?: string;
    regulator?: string;
    jurisdiction?: string;
    requirement?: string;
    status?: CheckpointStatus;
    risk?: RiskLevel;
    filedOn?: IsoDay | null;
    decisionDueOn?: IsoDay | null;
    decidedOn?: IsoDay | null;
    conditions?: string | null;
    evidenceExpiresOn?: IsoDay | null;
    notes?: string;
    /** Shown to the deal's partner users (issue 17). */
    sharedWithPartners?: boolean;
  },
) {
  const n = next();
  return tx.regulatoryCheckpoint.create({
    data: {
      ...input,
      regulator: input.regulator ?? `Regulator ${n}`,
      jurisdiction: input.jurisdiction ?? 'US',
      requirement: input.requirement ?? `Requirement ${n}`,
      filedOn: optionalDay(input.filedOn),
      decisionDueOn: optionalDay(input.decisionDueOn),
      decidedOn: optionalDay(input.decidedOn),
      evidenceExpiresOn: optionalDay(input.evidenceExpiresOn),
    },
  });
}

export async function createRollout(
  tx: Tx,
  input: {
    partnershipId: string;
    regionId: number;
    id?: string;
    status?: RolloutStatus;
    plannedPilotOn?: IsoDay | null;
    plannedLaunchOn?: IsoDay | null;
    actualPilotOn?: IsoDay | null;
    actualLaunchOn?: IsoDay | null;
    notes?: string;
    gateCheckpointIds?: string[];
    gateMilestoneIds?: string[];
  },
) {
  const { gateCheckpointIds, gateMilestoneIds, ...rest } = input;
  return tx.rollout.create({
    data: {
      ...rest,
      plannedPilotOn: optionalDay(input.plannedPilotOn),
      plannedLaunchOn: optionalDay(input.plannedLaunchOn),
      actualPilotOn: optionalDay(input.actualPilotOn),
      actualLaunchOn: optionalDay(input.actualLaunchOn),
      gateCheckpoints: gateCheckpointIds?.length
        ? { create: gateCheckpointIds.map((checkpointId) => ({ checkpointId })) }
        : undefined,
      gateMilestones: gateMilestoneIds?.length
        ? { create: gateMilestoneIds.map((milestoneId) => ({ milestoneId })) }
        : undefined,
    },
  });
}

export type MetricPoint = { day: IsoDay; value: number | string };

/** Inserts daily values (or targets) for one partnership x region x metric; skips existing days. */
export async function addMetricSeries(
  tx: Tx,
  input: { partnershipId: string; regionId: number; metricId: number; points: MetricPoint[]; kind?: 'value' | 'target' },
): Promise<number> {
  const rows = input.points.map((p) => ({
    partnershipId: input.partnershipId,
    regionId: input.regionId,
    metricId: input.metricId,
    day: dayToDate(p.day),
    value: String(p.value),
  }));
  let inserted = 0;
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    const result =
      input.kind === 'target'
        ? await tx.metricTarget.createMany({ data: chunk, skipDuplicates: true })
        : await tx.metricValue.createMany({ data: chunk, skipDuplicates: true });
    inserted += result.count;
  }
  return inserted;
}

/** A webhook endpoint (issue 16), registered without the address check of server/webhooks (tests and the demo point at 127.0.0.1). */
export async function createWebhookEndpoint(
  tx: Tx,
  input: { id?: string; url?: string; events?: string[]; description?: string; allowPrivate?: boolean; active?: boolean; disabledReason?: string | null; secret?: string } = {},
) {
  const active = input.active ?? true;
  return tx.webhookEndpoint.create({
    data: {
      id: input.id,
      url: input.url ?? `http://127.0.0.1:9/hook-${next()}`,
      events: input.events ?? ['milestone'],
      description: input.description ?? '',
      allowPrivate: input.allowPrivate ?? true,
      active,
      disabledAt: active ? null : new Date(),
      disabledReason: active ? null : (input.disabledReason ?? 'Disabled.'),
      secret: input.secret ?? `whsec_${randomBytes(32).toString('base64url')}`,
    },
  });
}
