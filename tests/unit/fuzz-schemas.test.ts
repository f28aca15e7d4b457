import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { auditFilterSchema } from '@/lib/schemas/audit';
import { signInSchema } from '@/lib/schemas/auth';
import { updateCheckpointSchema } from '@/lib/schemas/checkpoints';
import { dashboardParamsSchema } from '@/lib/schemas/dashboard';
import { parseMetricsQuery } from '@/lib/schemas/metrics-api';
import { importParamsSchema } from '@/lib/schemas/metrics-import';
import { bulkMilestoneSchema, createMilestoneSchema, deleteMilestoneSchema, moveMilestoneSchema, restoreMilestoneSchema, updateMilestoneSchema } from '@/lib/schemas/milestones';
import { portfolioParamsSchema } from '@/lib/schemas/portfolio';
import { updateRolloutSchema } from '@/lib/schemas/rollouts';
import { createCheckpointSchema, rolloutGatesSchema } from '@/lib/schemas/structure';
import { putTargetsSchema, saveTargetsSchema, targetsQuerySchema } from '@/lib/schemas/targets';
import { createTokenSchema, revokeTokenSchema } from '@/lib/schemas/tokens';
import { changeRoleSchema, createUserSchema, userStatusSchema } from '@/lib/schemas/users';
import { hostileString, hostileValue } from '@/tests/support/hostile';

const SCHEMAS: Record<string, z.ZodType> = {
  auditFilterSchema, signInSchema, updateCheckpointSchema, dashboardParamsSchema, importParamsSchema, bulkMilestoneSchema,
  createMilestoneSchema, deleteMilestoneSchema, moveMilestoneSchema, restoreMilestoneSchema, updateMilestoneSchema,
  portfolioParamsSchema, updateRolloutSchema, createCheckpointSchema, rolloutGatesSchema, createTokenSchema, revokeTokenSchema,
  changeRoleSchema, createUserSchema, userStatusSchema,
  putTargetsSchema, saveTargetsSchema, targetsQuerySchema,
};

describe('every input schema takes any value without throwing, and says what is wrong', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(name, () => {
      fc.assert(
        fc.property(fc.oneof(hostileValue, fc.dictionary(fc.oneof(fc.constantFrom('version', 'id', 'title', 'status', 'email', 'password', 'name', 'role', 'dueOn', 'items', 'from', 'to'), hostileString), hostileValue)), (value) => {
          const result = schema.safeParse(value);
          if (!result.success) {
            expect(result.error.issues.length).toBeGreaterThan(0);
            for (const issue of result.error.issues) expect(issue.message).toMatch(/\w/);
          }
        }),
        { numRuns: 300, seed: 8_2028 },
      );
    });
  }

  it('the metrics query string: any parameters give a query or a problem naming a parameter', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.oneof(fc.constantFrom('metric', 'region', 'from', 'to', 'granularity', 'mode', 'format', 'download'), hostileString), hostileString), { maxLength: 8 }), (pairs) => {
        const result = parseMetricsQuery(new URLSearchParams(pairs));
        if ('problem' in result) {
          expect(result.problem.parameter.length).toBeGreaterThan(0);
          expect(result.problem.message).toMatch(/\w/);
        } else expect(result.query.metrics.length).toBeLessThanOrEqual(50);
      }),
      { numRuns: 500, seed: 8_2029 },
    );
  });
});
