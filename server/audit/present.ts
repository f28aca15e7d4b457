import 'server-only';
import type { AuditEntry, AuditChange } from '@/lib/audit';
import { actionLabel, CONFIDENTIAL_CHANGE, entityTypeLabel, fieldLabel, ID_FIELDS, valueWords } from '@/lib/audit-words';
import { formatInstant } from '@/lib/format-time';
import type { MetricAudience } from '@/server/access/metrics';
import { db } from '@/server/db';
import { auditRedactor } from './redact';

/** An audit row as stored (the fields the presenter reads). */
export type StoredAudit = {
  id: bigint;
  occurredAt: Date;
  actorId: string | null;
  actorLabel: string;
  entityType: string;
  entityId: string;
  partnershipId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  context: unknown;
};

type Obj = Record<string, unknown>;
const asObj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const ids = (rows: StoredAudit[], type: string) => [...new Set(rows.filter((r) => r.entityType === type).map((r) => r.entityId))];

/** Every id an ID field of these rows refers to (owners, dependencies, gates). */
function referencedIds(rows: { before: unknown; after: unknown }[]): string[] {
  const out = new Set<string>();
  for (const r of rows) {
    for (const side of [asObj(r.before), asObj(r.after)]) {
      for (const [field, value] of Object.entries(side)) {
        if (!ID_FIELDS.has(field)) continue;
        for (const v of Array.isArray(value) ? value : [value]) if (typeof v === 'string') out.add(v);
      }
    }
  }
  return [...out];
}

/** Ids to names: people by name, milestones by title, checkpoints by regulator (one query per kind). */
export async function findNamesOf(idList: string[]): Promise<Map<string, string>> {
  if (!idList.length) return new Map();
  const [users, milestones, checkpoints] = await Promise.all([
    db.user.findMany({ where: { id: { in: idList } }, select: { id: true, name: true } }),
    db.milestone.findMany({ where: { id: { in: idList } }, select: { id: true, title: true } }),
    db.regulatoryCheckpoint.findMany({ where: { id: { in: idList } }, select: { id: true, regulator: true, requirement: true } }),
  ]);
  return new Map<string, string>([
    ...users.map((u) => [u.id, u.name] as const),
    ...milestones.map((m) => [m.id, m.title] as const),
    ...checkpoints.map((c) => [c.id, `${c.regulator} (${c.requirement})`] as const),
  ]);
}

/** Each entity's title in words, with the partnership it belongs to, keyed "Type:id". */
export async function findEntityTitles(rows: StoredAudit[]): Promise<Map<string, { title: string; partnership: string | null }>> {
  const numeric = (xs: string[]) => xs.map(Number).filter(Number.isInteger);
  const [partnerships, milestones, checkpoints, rollouts, users, tokens, organizations, regions, notes, documents] = await Promise.all([
    db.partnership.findMany({ where: { id: { in: ids(rows, 'Partnership') } }, select: { id: true, name: true } }),
    db.milestone.findMany({ where: { id: { in: ids(rows, 'Milestone') } }, select: { id: true, title: true, partnership: { select: { name: true } } } }),
    db.regulatoryCheckpoint.findMany({ where: { id: { in: ids(rows, 'RegulatoryCheckpoint') } }, select: { id: true, regulator: true, requirement: true, partnership: { select: { name: true } } } }),
    db.rollout.findMany({ where: { id: { in: ids(rows, 'Rollout') } }, select: { id: true, region: { select: { name: true } }, partnership: { select: { name: true } } } }),
    db.user.findMany({ where: { id: { in: ids(rows, 'User') } }, select: { id: true, name: true } }),
    db.apiToken.findMany({ where: { id: { in: ids(rows, 'ApiToken') } }, select: { id: true, name: true, user: { select: { name: true } } } }),
    db.organization.findMany({ where: { id: { in: ids(rows, 'Organization') } }, select: { id: true, name: true } }),
    db.region.findMany({ where: { id: { in: numeric(ids(rows, 'Region')) } }, select: { id: true, name: true } }),
    db.note.findMany({ where: { id: { in: ids(rows, 'Note') } }, select: { id: true, partnership: { select: { name: true } } } }),
    db.document.findMany({ where: { id: { in: ids(rows, 'Document') } }, select: { id: true, fileName: true, versionNumber: true, partnership: { select: { name: true } } } }),
  ]);
  const out = new Map<string, { title: string; partnership: string | null }>();
  for (const p of partnerships) out.set(`Partnership:${p.id}`, { title: p.name, partnership: null });
  for (const m of milestones) out.set(`Milestone:${m.id}`, { title: m.title, partnership: m.partnership.name });
  for (const c of checkpoints) out.set(`RegulatoryCheckpoint:${c.id}`, { title: `${c.regulator}: ${c.requirement}`, partnership: c.partnership.name });
  for (const r of rollouts) out.set(`Rollout:${r.id}`, { title: `${r.region.name} rollout`, partnership: r.partnership.name });
  for (const u of users) out.set(`User:${u.id}`, { title: u.name, partnership: null });
  for (const t of tokens) out.set(`ApiToken:${t.id}`, { title: `“${t.name}” of ${t.user.name}`, partnership: null });
  for (const o of organizations) out.set(`Organization:${o.id}`, { title: o.name, partnership: null });
  for (const r of regions) out.set(`Region:${r.id}`, { title: r.name, partnership: null });
  // A note is named by what it is on, as recorded when it was written (issue 15).
  const noteLabels = new Map(rows.filter((r) => r.entityType === 'Note').map((r) => [r.entityId, asObj(r.context).subjectLabel]));
  for (const n of notes) {
    const on = noteLabels.get(n.id);
    out.set(`Note:${n.id}`, { title: typeof on === 'string' ? `Note on ${on}` : 'Note', partnership: n.partnership.name });
  }
  for (const d of documents) out.set(`Document:${d.id}`, { title: d.versionNumber > 1 ? `${d.fileName} (version ${d.versionNumber})` : d.fileName, partnership: d.partnership.name });
  // A saved view by its current name (a rename or a share leaves the name out of the change itself).
  const viewIds = ids(rows, 'SavedView');
  if (viewIds.length) for (const v of await db.savedView.findMany({ where: { id: { in: viewIds } }, select: { id: true, name: true } })) out.set(`SavedView:${v.id}`, { title: v.name, partnership: null });
  // A webhook by its receiver's host (issue 16); a deleted one keeps "a deleted webhook".
  const webhookIds = ids(rows, 'WebhookEndpoint');
  if (webhookIds.length) {
    for (const w of await db.webhookEndpoint.findMany({ where: { id: { in: webhookIds } }, select: { id: true, url: true } })) {
      out.set(`WebhookEndpoint:${w.id}`, { title: `Webhook to ${URL.canParse(w.url) ? new URL(w.url).host : w.url}`, partnership: null });
    }
  }
  return out;
}

/** A deleted entity keeps a title from its own record (name, title, region...), never its id. */
function titleFromRecord(r: StoredAudit): string {
  if (r.entityType === 'SignIn') return r.entityId; // the email that was typed: there is no account
  const rec = { ...asObj(r.before), ...asObj(r.after) };
  // A watch names what is watched; a mail subscription is a digest or an export.
  const subjectLabel = asObj(r.context).subjectLabel;
  if (typeof subjectLabel === 'string' && subjectLabel) return subjectLabel;
  if (r.entityType === 'Subscription') return rec.kind === 'EXPORT' ? 'a scheduled export' : typeof rec.partnership === 'string' ? `a digest of ${rec.partnership}` : 'a digest';
  for (const key of ['title', 'name', 'regulator', 'region', 'email']) {
    const v = rec[key];
    if (typeof v === 'string' && v) return key === 'region' ? `${v} rollout` : v;
  }
  return `a deleted ${entityTypeLabel(r.entityType).toLowerCase()}`;
}

// Context keys that only the raw record needs (hashes, sizes, the demo marker, long filter lists).
// Context that means nothing to a reader (hashes, internal ids); it stays in the raw record.
const QUIET_CONTEXT = new Set(['sha256', 'bytes', 'demo', 'filters', 'userAgent', 'email', 'sessionId', 'subjectId', 'subjectType']);

/**
 * Field changes in words; a field whose words did not change (none -> none) is left out. A field in
 * `confidential` (server/audit/redact.ts) says that it changed, without either value.
 */
export function presentChanges(entityType: string, before: unknown, after: unknown, names: ReadonlyMap<string, string>, confidential: readonly string[] = []): AuditChange[] {
  const b = asObj(before);
  const a = asObj(after);
  const out: AuditChange[] = [];
  for (const field of [...new Set([...Object.keys(b), ...Object.keys(a)])]) {
    if (field === 'version') continue;
    if (confidential.includes(field)) {
      out.push({ field: fieldLabel(field), from: null, to: CONFIDENTIAL_CHANGE, confidential: true });
      continue;
    }
    const from = field in b ? valueWords(entityType, field, b[field], names) : null;
    const to = field in a ? valueWords(entityType, field, a[field], names) : null;
    if (from === to) continue;
    out.push({ field: fieldLabel(field), from, to });
  }
  return out;
}

export function actorNames(r: Pick<StoredAudit, 'actorId' | 'actorLabel'>, people: ReadonlyMap<string, string>): string {
  const name = r.actorId ? people.get(r.actorId) : undefined;
  if (!name) return r.actorLabel === 'system' ? 'Accord (automatic)' : r.actorLabel;
  return r.actorLabel.includes('(token "') ? `${name}, with an API token` : name;
}

/** The stored event as it is, for the "Raw record" of the audit page (sent only when opened). */
export function rawRecord(r: StoredAudit): string {
  return JSON.stringify({ id: r.id.toString(), occurredAt: r.occurredAt, actor: r.actorLabel, actorId: r.actorId, entityType: r.entityType, entityId: r.entityId, action: r.action, before: r.before, after: r.after, context: r.context }, null, 2);
}

/**
 * Audit rows as `audience` (metricAudience of the reader) reads them: names, titles, sentences,
 * dates; values confidential to them replaced (server/audit/redact.ts); the raw record kept aside.
 */
export async function presentAuditRows(stored: StoredAudit[], audience: MetricAudience): Promise<AuditEntry[]> {
  const redact = await auditRedactor(audience);
  const rows = stored.map(redact);
  const actorIds = [...new Set(rows.map((r) => r.actorId).filter((x): x is string => !!x))];
  const [names, titles] = await Promise.all([findNamesOf([...new Set([...referencedIds(rows), ...actorIds])]), findEntityTitles(rows)]);
  return rows.map((r) => {
    const entity = titles.get(`${r.entityType}:${r.entityId}`);
    // Any other "…Id" in the context is an internal reference too: the raw record keeps it.
    const context = Object.entries(asObj(r.context)).filter(([k, v]) => !QUIET_CONTEXT.has(k) && !/[a-z]Id$/.test(k) && v !== null && v !== undefined);
    return {
      id: r.id.toString(),
      occurredAt: r.occurredAt.toISOString(),
      when: formatInstant(r.occurredAt.toISOString()),
      actor: actorNames(r, names),
      action: actionLabel(r.action),
      entityType: entityTypeLabel(r.entityType),
      entity: entity?.title ?? titleFromRecord(r),
      partnership: entity?.partnership ?? null,
      changes: presentChanges(r.entityType, r.before, r.after, names, r.confidential),
      notes: context.map(([k, v]) => `${fieldLabel(k)}: ${valueWords(r.entityType, k, v, names)}`),
    };
  });
}

/** "History of Term sheet signed": the heading of one entity's history, by title. */
export async function findEntityTitle(entityType: string | undefined, entityId: string): Promise<string> {
  const row: StoredAudit = { id: 0n, occurredAt: new Date(0), actorId: null, actorLabel: '', entityType: entityType ?? '', entityId, partnershipId: null, action: '', before: null, after: null, context: null };
  if (entityType) {
    const found = (await findEntityTitles([row])).get(`${entityType}:${entityId}`);
    if (found) return found.partnership ? `${found.title} (${found.partnership})` : found.title;
  }
  const last = await db.auditEvent.findFirst({ where: { entityId, ...(entityType ? { entityType } : {}) }, orderBy: { id: 'desc' } });
  return last ? titleFromRecord(last) : `this ${entityTypeLabel(entityType ?? 'record').toLowerCase()}`;
}

/** Replaces ids in ID fields by names, for views that print values as they are (per-row history). */
export function withNames(value: Record<string, unknown> | null, names: ReadonlyMap<string, string>): Record<string, unknown> | null {
  if (!value) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => {
    if (!ID_FIELDS.has(k)) return [k, v];
    const name = (x: unknown) => (typeof x === 'string' ? (names.get(x) ?? x) : x);
    return [k, Array.isArray(v) ? v.map(name) : name(v)];
  }));
}

export { referencedIds };
