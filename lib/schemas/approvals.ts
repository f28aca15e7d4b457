import { z } from 'zod';
import { multiLine, reference } from './text';

// Four-eyes approval (issue 17): the decision forms on /approvals and POST /api/v1/approvals/{id}/*
// share these schemas (conventions, habit 4).

const version = z.number({ error: 'Send the version of the request you read (an integer).' }).int().min(1);

/** Approve: a comment is welcome, not required. `version` (optional) refuses a decision on a request that changed since it was read. */
export const approveSchema = z
  .object({
    comment: multiLine('The comment', 2000).nullable().optional(),
    version: version.optional(),
  })
  .strict();

/** Reject: the requester needs to know why, so the comment is required. */
export const rejectSchema = z
  .object({
    comment: multiLine('The comment', 2000).refine((v) => v.length > 0, 'Say why the request is rejected.'),
    version: version.optional(),
  })
  .strict();

/** Withdraw one's own pending request. */
export const withdrawSchema = z.object({ version: version.optional() }).strict();

export type ApproveInput = z.infer<typeof approveSchema>;
export type RejectInput = z.infer<typeof rejectSchema>;
export type WithdrawInput = z.infer<typeof withdrawSchema>;

/** The forms: the request's id and version from hidden fields, the comment from the text box. */
const formVersion = z.coerce.number({ error: 'Missing version.' }).int().min(1);
export const approveForm = z.object({ id: reference('request'), version: formVersion, comment: multiLine('The comment', 2000).optional() });
export const rejectForm = z.object({ id: reference('request'), version: formVersion, comment: rejectSchema.shape.comment });
export const withdrawForm = z.object({ id: reference('request'), version: formVersion });

export const APPROVALS_PAGE_SIZE = 50;

const whole = (label: string, max: number) =>
  z.coerce.number({ error: `${label} is a whole number from 1 to ${max}.` }).int(`${label} is a whole number from 1 to ${max}.`)
    .min(1, `${label} is a whole number from 1 to ${max}.`).max(max, `${label} is a whole number from 1 to ${max}.`);

/** GET /api/v1/approvals: `?state=pending|all` (default pending), `page` from 1, `limit` 1–100 (default 50). */
export const approvalListQuery = z.object({
  state: z.enum(['pending', 'all'], { error: 'state is "pending" or "all".' }).default('pending'),
  page: whole('page', 100_000).default(1),
  limit: whole('limit', 100).default(APPROVALS_PAGE_SIZE),
});

export type ApprovalListQuery = z.infer<typeof approvalListQuery>;
