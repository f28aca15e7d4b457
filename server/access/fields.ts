import 'server-only';
import { Prisma } from '@/generated/prisma/client';
import { CONFIDENTIAL_FIELD_DEFAULTS, CONFIDENTIAL_FIELDS, type ConfidentialField } from '@/lib/schemas/field-policies';
import { keptWhile } from '@/server/cache/versioned';
import { db } from '@/server/db';
import { confidentialAllowed } from './confidential';
import type { MetricAudience } from './metrics';

/**
 * Which fields of a partnership's record a reader may see: the ONE rule for confidential fields
 * (issue 17, item 5). A field's policy for a partnership is its row in `partnership_field_policies`,
 * else its default (lib/schemas/field-policies.ts). A confidential field is hidden from partners and
 * from the internal roles an administrator unticked (./confidential.ts, the same rule as metrics);
 * operators and the system see everything. Every output that shows one of these fields asks here:
 * the dashboard (summary, the chart's target line, % of target, the review), the portfolio, the
 * partner workspace, the API record, the targets page and API, search and digests.
 *
 * A hidden field does not exist for its reader: its value is null on pages (which say
 * "Confidential") and absent from API answers (which list it under `hiddenFields`).
 */
export type FieldAccess = {
  /** the confidential fields this reader may not see, in CONFIDENTIAL_FIELDS order */
  hidden: ConfidentialField[];
  /** every field marked confidential on this partnership (seen or not: shown as a mark) */
  confidential: ConfidentialField[];
};

type FieldRules = {
  /** `${partnershipId}:${field}` -> confidential, for partnerships with a row */
  policies: Record<string, boolean>;
  allowed: boolean;
};

/** Every row (a small table: partnerships x 4) and the audience's access, kept per content version. */
const loadRules = keptWhile('content', 16, async (audience: MetricAudience): Promise<FieldRules> => {
  const [rows, allowed] = await Promise.all([
    db.partnershipFieldPolicy.findMany({ select: { partnershipId: true, field: true, confidential: true } }),
    confidentialAllowed(audience),
  ]);
  return { policies: Object.fromEntries(rows.map((r) => [`${r.partnershipId}:${r.field}`, r.confidential])), allowed };
});

function accessOf(rules: FieldRules, partnershipId: string): FieldAccess {
  const confidential = CONFIDENTIAL_FIELDS.filter((f) => rules.policies[`${partnershipId}:${f}`] ?? CONFIDENTIAL_FIELD_DEFAULTS[f]);
  return { confidential, hidden: rules.allowed ? [] : confidential };
}

/** The fields of one partnership this audience may not see, and which are marked confidential. */
export async function fieldAccess(audience: MetricAudience, partnershipId: string): Promise<FieldAccess> {
  return accessOf(await loadRules(audience), partnershipId);
}

/** The batch form (the portfolio): the access for any partnership, from one read. */
export async function fieldAccessFor(audience: MetricAudience): Promise<(partnershipId: string) => FieldAccess> {
  const rules = await loadRules(audience);
  return (partnershipId) => accessOf(rules, partnershipId);
}

/**
 * The same rule as a SQL condition, for queries that match on a field (search): true for the
 * partnerships whose `field` this audience may not see. Read live, in the query's own snapshot.
 */
export async function fieldHiddenSql(audience: MetricAudience, field: ConfidentialField, partnershipId: Prisma.Sql): Promise<Prisma.Sql> {
  if (await confidentialAllowed(audience)) return Prisma.sql`FALSE`;
  return CONFIDENTIAL_FIELD_DEFAULTS[field]
    ? Prisma.sql`NOT EXISTS (SELECT 1 FROM partnership_field_policies fp WHERE fp."partnershipId" = ${partnershipId} AND fp.field = ${field} AND NOT fp.confidential)`
    : Prisma.sql`EXISTS (SELECT 1 FROM partnership_field_policies fp WHERE fp."partnershipId" = ${partnershipId} AND fp.field = ${field} AND fp.confidential)`;
}

/**
 * A record without the fields its reader may not see: the keys are removed (the API) and listed
 * under `hiddenFields`. Only the record's own fields: `targets` is not a key of a record.
 */
export function withoutHiddenFields<T extends object>(record: T, hidden: readonly ConfidentialField[]): Omit<T, ConfidentialField | 'hiddenFields'> & { hiddenFields: ConfidentialField[] } {
  const out = { ...record } as Record<string, unknown>;
  for (const field of hidden) delete out[field];
  delete out.hiddenFields;
  return { ...(out as Omit<T, ConfidentialField | 'hiddenFields'>), hiddenFields: [...hidden] };
}

// An audit row of a partnership (its before and after) as a reader may see it: server/audit/redact.ts.
