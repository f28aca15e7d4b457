import type { z } from 'zod';

/** One thing wrong with an address or API query, in words, naming the parameter. */
export type ParameterProblem = { parameter: string; message: string };

/** A query parameter: its schema, and what to say when a value is wrong in a way it did not foresee. */
export type ParameterRule = { schema: z.ZodType; message: string };

/** Zod's own wording ("Invalid option: expected one of …"): never shown to a person (issue 13, finding 7). */
export const RAW_VALIDATION_TEXT = /invalid (option|input|type)|expected|received/i;

/**
 * Reads each parameter on its own, so every wrong one is named at once and the right ones are
 * kept. A rule's own messages are used; any other issue falls back to the rule's message, so no
 * library wording reaches a person.
 */
export function readParameters<R extends Record<string, ParameterRule>>(
  rules: R,
  values: { [K in keyof R]: unknown },
): { data: { [K in keyof R]?: z.output<R[K]['schema']> }; problems: ParameterProblem[] } {
  const data: { [K in keyof R]?: z.output<R[K]['schema']> } = {};
  const problems: ParameterProblem[] = [];
  for (const name of Object.keys(rules) as (keyof R & string)[]) {
    const rule = rules[name]!;
    const result = rule.schema.safeParse(values[name], { error: () => rule.message });
    if (result.success) data[name] = result.data as z.output<R[typeof name]['schema']>;
    else {
      const message = result.error.issues[0]?.message ?? rule.message;
      problems.push({ parameter: name, message: RAW_VALIDATION_TEXT.test(message) ? rule.message : message });
    }
  }
  return { data, problems };
}

/** The first query parameter not in `allowed`, as a problem in words. */
export function unknownParameter(params: URLSearchParams, allowed: readonly string[]): ParameterProblem | null {
  for (const key of params.keys()) {
    if (!allowed.includes(key)) {
      const name = key.replace(/[\u0000-\u001f\u007f]/g, '').slice(0, 40) || '(empty name)';
      return { parameter: name, message: `Unknown parameter "${name}". Use ${allowed.join(', ')}.` };
    }
  }
  return null;
}
