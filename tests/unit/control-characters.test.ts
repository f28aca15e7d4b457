import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { addressProblem } from '@/lib/control-characters';

// Issue 13, finding 8: a NUL in a milestone title, a checkpoint's conditions, a person's or a
// token's name reached PostgreSQL and came back as "Something went wrong". Every string field of
// every schema in lib/schemas (found on disk, so tomorrow's field is checked too) must refuse a
// control character itself, at that field, with a message in words rather than zod's default text.
const MODULES = import.meta.glob<Record<string, unknown>>('../../lib/schemas/*.ts', { eager: true });
const CONTROLS = ['\u0000', 'a\u0000b', '\u0007', '\u001b[31m', '\u007f', '\u0085', '\u009b'];
const ZOD_DEFAULT = /^(Invalid|Too (small|big)|Expected|Required)/;

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; out?: z.ZodType; element?: z.ZodType; options?: z.ZodType[]; shape?: Record<string, z.ZodType> };
const def = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The object shape inside wrappers (optional, pipe, preprocess), if the schema is an object. */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  const d = def(schema);
  if (d.type === 'object') return d.shape ?? null;
  if (d.type === 'pipe') return shapeOf(d.out!) ?? shapeOf(d.in!);
  if (d.innerType) return shapeOf(d.innerType);
  return null;
}

/** How a field takes text: 'string', 'array' (of strings), or null when it takes none. */
function takesText(schema: z.ZodType): 'string' | 'array' | null {
  const d = def(schema);
  if (d.type === 'string') return 'string';
  if (d.type === 'array') return takesText(d.element!) === 'string' ? 'array' : null;
  if (d.type === 'pipe') return takesText(d.in!) ?? takesText(d.out!);
  if (d.type === 'union') return d.options!.some((o) => takesText(o) === 'string') ? 'string' : null;
  if (d.innerType) return takesText(d.innerType);
  return null;
}

const FIELDS = Object.entries(MODULES).flatMap(([file, exports]) =>
  Object.entries(exports).flatMap(([name, value]) => {
    if (!(value instanceof z.ZodType)) return [];
    const shape = shapeOf(value);
    if (!shape) return [];
    return Object.entries(shape).flatMap(([field, fieldSchema]) => {
      const kind = takesText(fieldSchema);
      return kind ? [{ label: `${file.split('/').pop()}: ${name}.${field}`, schema: value, field, kind }] : [];
    });
  }),
);

it('finds the text fields on disk', () => {
  expect(FIELDS.length).toBeGreaterThan(40);
  expect(FIELDS.map((f) => f.label)).toEqual(expect.arrayContaining(['milestones.ts: createMilestoneSchema.title', 'checkpoints.ts: updateCheckpointSchema.conditions', 'users.ts: createUserSchema.name', 'tokens.ts: createTokenSchema.name']));
});

describe('every text field refuses control characters with a message in words', () => {
  for (const { label, schema, field, kind } of FIELDS) {
    it(label, () => {
      for (const control of CONTROLS) {
        const value = kind === 'array' ? [control] : control;
        const result = schema.safeParse({ [field]: value });
        const mine = result.success ? [] : result.error.issues.filter((i) => i.path[0] === field);
        expect(mine.length, `${JSON.stringify(control)} was accepted`).toBeGreaterThan(0);
        for (const issue of mine) {
          expect(issue.message).toMatch(/[a-z]{3}/);
          expect(issue.message, `zod's default text for ${JSON.stringify(control)}`).not.toMatch(ZOD_DEFAULT);
        }
      }
    });
  }
});

describe('an address with control characters or broken escapes is refused in words (proxy.ts)', () => {
  const problem = (url: string) => {
    const parsed = new URL(url, 'http://accord.test');
    return addressProblem(parsed.pathname, parsed.searchParams);
  };
  it('passes ordinary addresses, unicode and right-to-left text', () => {
    expect(problem('/partnerships/apple-pay-alipay?range=90d')).toBeNull();
    expect(problem('/organizations/%E2%80%AEabc?deleted=%E6%94%AF%E4%BB%98%E5%AE%9D')).toBeNull();
  });
  it.each(['/partnerships/%00', '/partnerships/a%00b/manage', '/audit?entityId=%00', '/?stage=%07', '/?%00=1', '/partnerships/%C2%85', '/partnerships/%', '/partnerships/%E0%A4%A'])('%s', (url) => {
    expect(problem(url)).toMatch(/control characters|malformed/);
  });
});
