/**
 * Domain vocabulary shared by server and UI: the enum values of schema.prisma as plain string
 * unions (components never import Prisma types) with the words the UI shows for them.
 * tests/unit/domain.test.ts checks they match the generated Prisma enums.
 */
export const PARTNERSHIP_STAGES = ['EXPLORING', 'NEGOTIATING', 'SIGNED', 'INTEGRATING', 'LAUNCHED', 'ON_HOLD', 'ENDED'] as const;
export type PartnershipStage = (typeof PARTNERSHIP_STAGES)[number];

export const MILESTONE_STATUSES = ['NOT_STARTED', 'IN_PROGRESS', 'BLOCKED', 'DONE'] as const;
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number];

export const CHECKPOINT_STATUSES = ['NOT_STARTED', 'PREPARING', 'FILED', 'UNDER_REVIEW', 'APPROVED', 'APPROVED_WITH_CONDITIONS', 'REJECTED'] as const;
export type CheckpointStatus = (typeof CHECKPOINT_STATUSES)[number];

export const ROLLOUT_STATUSES = ['PLANNED', 'PILOT', 'LIVE', 'PAUSED', 'WITHDRAWN'] as const;
export type RolloutStatus = (typeof ROLLOUT_STATUSES)[number];

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export const ORGANIZATION_KINDS = ['TECHNOLOGY', 'PAYMENTS', 'BANK', 'CARD_NETWORK', 'MERCHANT', 'TRANSPORT', 'OTHER'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

export const ROLES = ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN', 'PARTNER'] as const;
export type Role = (typeof ROLES)[number];
/** The roles of the company running Accord; PARTNER is someone of a partner organization (issue 17). */
export const INTERNAL_ROLES = ['EXECUTIVE', 'BUSINESS_DEVELOPMENT', 'ANALYST', 'ADMIN'] as const satisfies readonly Role[];
export type InternalRole = (typeof INTERNAL_ROLES)[number];

export const STAGE_LABELS: Record<PartnershipStage, string> = {
  EXPLORING: 'Exploring',
  NEGOTIATING: 'Negotiating',
  SIGNED: 'Signed',
  INTEGRATING: 'Integrating',
  LAUNCHED: 'Launched',
  ON_HOLD: 'On hold',
  ENDED: 'Ended',
};

export const MILESTONE_STATUS_LABELS: Record<MilestoneStatus, string> = {
  NOT_STARTED: 'Not started',
  IN_PROGRESS: 'In progress',
  BLOCKED: 'Blocked',
  DONE: 'Done',
};

export const ROLLOUT_STATUS_LABELS: Record<RolloutStatus, string> = {
  PLANNED: 'Planned',
  PILOT: 'Pilot',
  LIVE: 'Live',
  PAUSED: 'Paused',
  WITHDRAWN: 'Withdrawn',
};

export const ROLE_LABELS: Record<Role, string> = {
  EXECUTIVE: 'Executive',
  BUSINESS_DEVELOPMENT: 'Business development',
  ANALYST: 'Analyst',
  ADMIN: 'Administrator',
  PARTNER: 'Partner',
};

export const CHECKPOINT_STATUS_LABELS: Record<CheckpointStatus, string> = {
  NOT_STARTED: 'Not started',
  PREPARING: 'Preparing',
  FILED: 'Filed',
  UNDER_REVIEW: 'Under review',
  APPROVED: 'Approved',
  APPROVED_WITH_CONDITIONS: 'Approved with conditions',
  REJECTED: 'Rejected',
};

export const RISK_LABELS: Record<RiskLevel, string> = { LOW: 'Low', MEDIUM: 'Medium', HIGH: 'High', CRITICAL: 'Critical' };

export const ORGANIZATION_KIND_LABELS: Record<OrganizationKind, string> = {
  TECHNOLOGY: 'Technology company',
  PAYMENTS: 'Payments company',
  BANK: 'Bank',
  CARD_NETWORK: 'Card network',
  MERCHANT: 'Merchant',
  TRANSPORT: 'Transport operator',
  OTHER: 'Other',
};
