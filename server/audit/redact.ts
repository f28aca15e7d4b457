import 'server-only';
import { CONFIDENTIAL_VALUE } from '@/lib/audit-words';
import type { ConfidentialField } from '@/lib/schemas/field-policies';
import { fieldAccessFor } from '@/server/access/fields';
import { metricVisibility, type MetricAudience } from '@/server/access/metrics';

/**
 * The audit trail as a reader may see it (issue 17, item 5): the ONE place that decides which
 * recorded values of an audit row are confidential to its reader. Every output of audit rows goes
 * through here: the audit page and its raw record, a record's History, the activity feed, "since
 * your last review" and digests, a 409's "what changed", the inbox.
 *
 * A value the reader may not see is replaced by "confidential" (CONFIDENTIAL_VALUE) and its key is
 * listed in `confidential`: who changed which field, and when, stays (attribution); the values
 * before and after never do. Confidential values in audit rows:
 * - a partnership's own fields (`summary`, `targetSignOn`, `targetLaunchOn`) where they are hidden
 *   from the reader on that partnership (server/access/fields.ts);
 * - the figures of a targets edit (`target <region> <metric> <month>` keys of `targets.updated`)
 *   where the activation targets are hidden, or the metric itself is (server/access/metrics.ts).
 */
export type AuditSight = {
  /** the fields of this row's partnership hidden from the reader */
  hidden: readonly ConfidentialField[];
  /** may the reader see this metric's figures on this partnership (absent: every metric) */
  metricShown?: (metricKey: string) => boolean;
};

type AuditLike = { entityType: string; before: unknown; after: unknown };
export type Redacted<R> = R & { confidential: string[] };

const RECORD_FIELDS = new Set<string>(['summary', 'targetSignOn', 'targetLaunchOn']);
// "target CN card_activations 2015-01" (server/targets/mutations.ts): region, metric key, month.
const TARGET_KEY = /^target .+ (\S+) \d{4}-\d{2}$/;

function confidentialKey(key: string, sight: AuditSight): boolean {
  if (RECORD_FIELDS.has(key)) return sight.hidden.includes(key as ConfidentialField);
  const target = TARGET_KEY.exec(key);
  if (!target) return false;
  return sight.hidden.includes('targets') || (sight.metricShown ? !sight.metricShown(target[1]!) : false);
}

const asObj = (v: unknown): Record<string, unknown> | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null);

/** One row as a reader with this sight of its partnership may see it (pure: callers that already know the sight). */
export function redactAuditRow<R extends AuditLike>(row: R, sight: AuditSight): Redacted<R> {
  // Only a partnership's own rows hold its fields and targets.
  if (row.entityType !== 'Partnership') return { ...row, confidential: [] };
  const before = asObj(row.before);
  const after = asObj(row.after);
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])].filter((k) => confidentialKey(k, sight));
  if (!keys.length) return { ...row, confidential: [] };
  const hide = (side: Record<string, unknown> | null) =>
    side ? Object.fromEntries(Object.entries(side).map(([k, v]) => [k, keys.includes(k) ? CONFIDENTIAL_VALUE : v])) : side;
  return { ...row, before: hide(before) ?? row.before, after: hide(after) ?? row.after, confidential: keys };
}

/**
 * The reader of audit rows across partnerships (the audit page, histories): the sight of each
 * row's partnership, from one read of the rules (kept per content version: policies and access
 * bump it). The audience is metricAudience(actor); 'PARTNER' sees no confidential value at all.
 */
export async function auditRedactor(audience: MetricAudience): Promise<<R extends AuditLike & { entityId: string; partnershipId: string | null }>(row: R) => Redacted<R>> {
  const [access, metrics] = await Promise.all([fieldAccessFor(audience), metricVisibility(audience)]);
  return (row) => {
    const partnershipId = row.partnershipId ?? (row.entityType === 'Partnership' ? row.entityId : null);
    if (!partnershipId) return { ...row, confidential: [] };
    return redactAuditRow(row, { hidden: access(partnershipId).hidden, metricShown: (key) => metrics(partnershipId, key) });
  };
}

