import fc from 'fast-check';

/**
 * Hostile values for fuzzing every input: huge and empty strings, unicode and control characters,
 * wrong types, NaN, Infinity, negative and enormous numbers, impossible dates, SQL and HTML.
 */
export const HOSTILE_STRINGS = [
  '', ' ', '\u0000', '\u0000abc', '\u202e\u0635evil', '\ud800', '😀'.repeat(300), 'é'.repeat(5000), 'x'.repeat(100_000),
  "'; DROP TABLE users; --", "' OR '1'='1", '1; SELECT pg_sleep(10)', '$$; DROP TABLE audit_events; $$',
  '<script>alert(1)</script>', '<img src=x onerror=alert(1)>', '"><svg/onload=alert(1)>', '{{7*7}}', '${7*7}',
  '=cmd|/c calc', '@SUM(A1)', '../../../../etc/passwd', 'NaN', 'Infinity', '-Infinity', '-1', '0', '1e309', '-0', '0x1F',
  '2014-02-30', '2014-13-01', '0000-00-00', '9999-12-31', '+275760-09-13', '2014-10-20T00:00:00Z', 'null', 'undefined',
  'true', '[]', '{}', '__proto__', 'constructor', 'PLANNED', 'DONE', 'BLOCKED', 'ADMIN', 'up', 'down', 'on',
] as const;

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 300 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
  { weight: 1, arbitrary: fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), maxLength: 20 }) },
);

export const hostileNumber = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, -1, 0, 1, 2 ** 31, 2 ** 53 + 1, Number.MAX_VALUE, -Number.MAX_VALUE, 1e-300, 0.5),
  fc.integer(),
  fc.double(),
);

/** Any JSON-ish value, hostile at every level. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.constant(undefined),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(hostileString, tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** An object with the given field names (each maybe present) holding hostile values or the `real` ones. */
export function hostileRecord(fields: string[], real: Record<string, fc.Arbitrary<unknown>> = {}) {
  const entries = Object.fromEntries(fields.map((f) => [f, real[f] ? fc.oneof(real[f], hostileValue) : hostileValue]));
  return fc.record(entries, { requiredKeys: [] });
}
