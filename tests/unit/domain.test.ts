import { describe, expect, it } from 'vitest';
import * as prismaEnums from '@/generated/prisma/enums';
import {
  CHECKPOINT_STATUSES,
  MILESTONE_STATUSES,
  ORGANIZATION_KINDS,
  PARTNERSHIP_STAGES,
  RISK_LEVELS,
  ROLES,
  ROLLOUT_STATUSES,
} from '@/lib/domain';

// lib/domain.ts repeats the schema's enums for the UI (which may not import Prisma); keep them equal.
describe('domain vocabulary matches schema.prisma', () => {
  it.each([
    ['PartnershipStage', PARTNERSHIP_STAGES],
    ['MilestoneStatus', MILESTONE_STATUSES],
    ['CheckpointStatus', CHECKPOINT_STATUSES],
    ['RolloutStatus', ROLLOUT_STATUSES],
    ['RiskLevel', RISK_LEVELS],
    ['Role', ROLES],
    ['OrganizationKind', ORGANIZATION_KINDS],
  ] as const)('%s', (name, values) => {
    expect([...values]).toEqual(Object.values(prismaEnums[name]));
  });
});
