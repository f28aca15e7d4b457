import { z } from 'zod';

/**
 * What /api/v1 answers, as zod schemas of the JSON on the wire (issue 18): dates are strings there
 * (a day `2026-11-23`, an instant `2026-11-23T08:00:00.000Z`), and every object lists exactly the
 * keys Accord sends (z.object: `additionalProperties: false` in the OpenAPI document), so the
 * contract test (tests/db/openapi-contract.test.ts) fails when an answer gains, loses or retypes a
 * key. They live apart from the input schemas of lib/schemas/*.ts, which check what people send.
 *
 * `answers` names the shared ones: server/openapi/document.ts puts them under
 * components/schemas and refers to them by name.
 */
export const answers = z.registry<{ id: string; description?: string }>();

export const day = z.iso.date();
export const instant = z.iso.datetime({ offset: true });
export const id = z.string().min(1);

/** Every error: `{ error }` with a message a person can act on, and the details of its kind (server/errors.ts). */
export const apiError = z
  .object({
    error: z.string().describe('What went wrong, in words a person can act on.'),
    fieldErrors: z.record(z.string(), z.array(z.string())).optional().describe('422: the message(s) per field (`form` for the request as a whole).'),
    blockers: z.array(z.object({ kind: z.enum(['checkpoint', 'milestone']), id, name: z.string(), reason: z.string() })).optional()
      .describe('422: the checkpoints and milestones that gate a launch.'),
    current: z.unknown().optional().describe('409: the current state (with `changedBy` and `changedAt` for a stale version).'),
    parameter: z.string().optional().describe('400: the query parameter that is wrong.'),
    problems: z.array(z.object({ parameter: z.string(), message: z.string() })).optional().describe('400: every wrong parameter, when there are several.'),
    found: z.string().optional().describe('415: what the upload was taken for.'),
    retryAfter: z.number().int().optional().describe('503 and 429: seconds to wait before trying again.'),
    deals: z.array(z.object({ slug: z.string(), name: z.string() })).optional().describe('409 on deleting an organization: the deals it is a party to.'),
    scope: z.enum(['token', 'user']).optional().describe('429: whose budget ran out.'),
    limit: z.number().int().optional().describe('429: the requests allowed per window.'),
    windowSeconds: z.number().int().optional().describe('429: the window, in seconds.'),
  })
  .register(answers, { id: 'Error' });

/** `{ id, deleted: true }`: a note, a view, a webhook or a subscription removed. */
export const deleted = z.object({ id, deleted: z.literal(true) }).register(answers, { id: 'Deleted' });
