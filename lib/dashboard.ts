// Plain, already-aggregated data the dashboard components receive (no Prisma types).
import type { StageMove } from '@/lib/rules/stages';
import type { IsoDay } from './dates';
import type { ConfidentialField } from './schemas/field-policies';
import type { CheckpointStatus, MilestoneStatus, PartnershipStage, RiskLevel, RolloutStatus } from './domain';
import type { Granularity, RangePreset } from './granularity';
import type { PeriodCoverage } from './periods';
import type { EvidenceState } from './rules/checkpoints';
import type { Health } from './rules/health';
import type { Readiness } from './rules/rollouts';

export type Kpis = {
  /** false: cards added is hidden from this reader (issue 17); the activation figures are left out. */
  activationShown: boolean;
  /** false: the activation targets are confidential to this reader (issue 17, item 5): no % of target. */
  targetShown: boolean;
  asOf: IsoDay | null;
  cardsToDate: number;
  last7: number;
  previous7: number;
  pctOfTarget: number | null;
  regionsLive: number;
  regionsTotal: number;
  approvalsPending: number;
  milestonesOverdue: number;
};

export type ChartEventKind = 'stage' | 'milestone' | 'checkpoint' | 'rollout';
export type ChartEvent = { day: IsoDay; period: IsoDay; kind: ChartEventKind; label: string };

export type ActivationChart = {
  granularity: Granularity;
  range: { preset: RangePreset | 'custom'; from: IsoDay; to: IsoDay } | null;
  regions: { code: string; name: string }[];
  points: { period: IsoDay; byRegion: Record<string, number>; total: number; cumulative: number; targetCumulative: number | null }[];
  events: ChartEvent[];
  /** periods the range cuts (lib/periods.ts), marked in the table and the note above the chart */
  partial: PeriodCoverage[];
  /** the range over whole periods only; null when none is cut */
  wholePeriods: { from: IsoDay; to: IsoDay } | null;
};

export type RolloutRow = {
  id: string;
  region: string;
  regionName: string;
  status: RolloutStatus;
  plannedLaunchOn: IsoDay | null;
  actualLaunchOn: IsoDay | null;
  plannedPilotOn: IsoDay | null;
  actualPilotOn: IsoDay | null;
  readiness: Readiness;
  flaggedReason: string | null;
};

export type CheckpointCard = {
  id: string;
  regulator: string;
  jurisdiction: string;
  requirement: string;
  status: CheckpointStatus;
  risk: RiskLevel;
  decisionDueOn: IsoDay | null;
  decidedOn: IsoDay | null;
  decisionOverdue: boolean;
  evidence: EvidenceState;
  evidenceExpiresOn: IsoDay | null;
  conditions: string | null;
  staleDays: number | null;
};

export type MilestoneRow = {
  id: string;
  title: string;
  status: MilestoneStatus;
  owner: string | null;
  dueOn: IsoDay | null;
  originalDueOn: IsoDay | null;
  completedOn: IsoDay | null;
  /** Days late (done late, or open past due); 0 when on time; null without a due date. */
  slipDays: number | null;
  blockedReason: string | null;
};

/** One row of the stage history (from null: the stage the partnership was opened at). */
/** A stage move with the days spent in the stage it entered (lib/rules/stages.ts). */
export type StageHistoryRow = StageMove;

/** Where the deal stands: its stage, since when, and whether that is longer than the stage's limit. */
export type StageStatus = {
  stage: PartnershipStage;
  since: IsoDay;
  days: number;
  limitDays: number | null;
  overdue: boolean;
  signedOn: IsoDay | null;
};

export type ChangeItem = { at: string; actor: string; text: string; tone: 'neutral' | 'good' | 'bad' };

export type SinceLastReview = {
  since: string;
  sinceSource: 'previous-visit' | 'chosen' | 'default';
  items: ChangeItem[];
  /** true: the review read as many audit events as it reads at most; older changes since then are left to the activity feed. */
  more: boolean;
  /** Exports and imports in one line ("3 exports, 1 import by Ana Ruiz, Ben Ode"), apart from the changes; null when none. */
  dataMovements: string | null;
  activation: { actual: number; target: number | null } | null;
};

export type Dashboard = {
  id: string;
  slug: string;
  name: string;
  stage: PartnershipStage;
  stageStatus: StageStatus;
  /** Newest first. */
  stageHistory: StageHistoryRow[];
  /** null: confidential to this reader (`hiddenFields` has 'summary'); the page says so. */
  summary: string | null;
  /** The confidential fields of this deal the reader may not see (server/access/fields.ts). */
  hiddenFields: ConfidentialField[];
  owner: string;
  isDemoData: boolean;
  parties: { name: string; role: string }[];
  today: IsoDay;
  health: Health;
  kpis: Kpis;
  chart: ActivationChart;
  rollouts: RolloutRow[];
  checkpoints: CheckpointCard[];
  milestones: MilestoneRow[];
};
