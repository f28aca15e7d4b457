import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseMetricsQuery } from '@/lib/schemas/metrics-api';
import { hostileString, hostileValue } from '@/tests/support/hostile';

// Every zod schema exported by lib/schemas, found on disk: a schema added tomorrow is fuzzed too.
const MODULES = import.meta.glob<Record<string, unknown>>('../../lib/schemas/*.ts', { eager: true });
const SCHEMAS: Record<string, z.ZodType> = Object.fromEntries(
  Object.entries(MODULES).flatMap(([file, exports]) =>
    Object.entries(exports).filter(([, value]) => value instanceof z.ZodType).map(([name, value]) => [`${file.split('/').pop()}: ${name}`, value as z.ZodType]),
  ),
);

it('finds the schemas on disk', () => {
  expect(Object.keys(SCHEMAS).length).toBeGreaterThan(30);
  expect(Object.keys(SCHEMAS)).toContain('partnerships.ts: createPartnershipSchema');
});

describe('every input schema takes any value without throwing, and says what is wrong', () => {
  for (const [name, schema] of Object.entries(SCHEMAS)) {
    it(name, () => {
      fc.assert(
        fc.property(fc.oneof(hostileValue, fc.dictionary(fc.oneof(fc.constantFrom('version', 'id', 'title', 'status', 'email', 'password', 'name', 'role', 'dueOn', 'items', 'from', 'to', 'kind', 'country', 'website', 'code', 'timeZone', 'region', 'slug', 'parties', 'openedOn', 'stage', 'reason', 'signedOn', 'movedOn', 'targets', 'q', 'page', 'limit'), hostileString), hostileValue)), (value) => {
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
