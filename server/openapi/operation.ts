import 'server-only';
import type { z } from 'zod';
import type { Permission } from '@/lib/permissions';

/**
 * One entry of the API's table of operations (issue 18): what server/openapi/document.ts turns into
 * the OpenAPI document. The schemas are the routes' own: the request body is the zod schema the
 * route hands to readJson, the answers are lib/schemas/answers/*. tests/db/openapi-contract.test.ts
 * fails for a route.ts method on disk without an entry here, and for an entry without a route.
 */
export type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
export type OperationKey = `${Method} /api/v1/${string}`;

export type Tag =
  | 'Who am I' | 'Partnerships' | 'Metrics' | 'Targets' | 'Sharing' | 'Milestones' | 'Checkpoints' | 'Rollouts' | 'Regions'
  | 'Approvals' | 'Organizations' | 'Notes' | 'Documents' | 'Search' | 'Saved views' | 'Inbox' | 'Mail subscriptions'
  | 'Tokens' | 'Partner invitations' | 'Webhooks' | 'Documentation';

/** A body other than JSON: the CSV imports and the multipart uploads. */
export type MediaBody = { media: 'text/csv' | 'multipart/form-data'; description: string; fields?: z.ZodObject };

/** An answer: JSON with a schema, or a file (CSV, XLSX, a document's bytes), or nothing (204). */
export type Answer = {
  description: string;
  json?: z.ZodType;
  files?: Record<string, { description: string; binary?: boolean }>;
  /** Fields this answer always carries (`Location`…), with a word on each. */
  headers?: Record<string, string>;
  /** A stream of JSON lines (`application/x-ndjson`), when the caller asks for it with `Accept`: the schema of ONE line. */
  ndjson?: { description: string; line: z.ZodType };
};

export type Operation = {
  summary: string;
  description?: string;
  tag: Tag;
  /** The permission the route checks first (server/api/handler.ts apiRoute); null: no sign-in at all. */
  permission: Permission | null;
  /** Open to partner users (apiRoute `{ partners: 'scoped' }`, issue 17). */
  partners?: boolean;
  /** The query parameters, as the zod object the route parses them with (or one written for it). */
  query?: z.ZodObject;
  body?: z.ZodType | MediaBody;
  /** Success answers by status. */
  ok: Record<number, Answer>;
  /**
   * Error statuses beyond the ones every operation of its kind has (401 and 503 when signed in, 403
   * when someone may be refused, 404 with a path parameter, 422 with a JSON body): 400, 409, 413, 415…
   * and a word on when each happens. A status with a schema of its own (an import's 422) gives it.
   */
  errors?: Record<number, string | Answer>;
};
