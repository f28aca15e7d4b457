/**
 * HTML forms send strings; the partnership schemas (shared with the JSON API) expect numbers,
 * nulls and a list of parties. These turn a form's fields into that shape, so the form and the
 * API are checked by the same zod schema (lib/schemas/partnerships.ts).
 * Parties arrive as `partyOrganization` / `partyRole` pairs (repeated fields, in order).
 */
type Raw = Record<string, unknown>;

const text = (v: unknown) => (typeof v === 'string' ? v : v);
const optional = (v: unknown) => (v === '' || v === undefined ? undefined : text(v));
const nullable = (v: unknown) => (v === '' ? null : v === undefined ? undefined : text(v));
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const version = (v: unknown) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

function parties(raw: Raw) {
  const orgs = list(raw.partyOrganization);
  const roles = list(raw.partyRole);
  return orgs
    .map((organization, i) => ({ organization, role: roles[i] ?? '' }))
    .filter((p) => !(p.organization === '' && p.role === '')); // blank rows of the form are not parties
}

export function createPartnershipForm(raw: Raw) {
  return {
    name: raw.name,
    slug: optional(raw.slug),
    summary: optional(raw.summary),
    ownerEmail: optional(raw.ownerEmail),
    stage: optional(raw.stage),
    openedOn: raw.openedOn,
    targetSignOn: nullable(raw.targetSignOn),
    targetLaunchOn: nullable(raw.targetLaunchOn),
    signedOn: nullable(raw.signedOn),
    parties: parties(raw),
    template: optional(raw.template),
  };
}

export function updatePartnershipForm(raw: Raw) {
  const out: Raw = { version: version(raw.version) };
  for (const key of ['name', 'summary', 'ownerEmail', 'openedOn'] as const) if (key in raw) out[key] = raw[key];
  for (const key of ['targetSignOn', 'targetLaunchOn', 'signedOn'] as const) if (key in raw) out[key] = nullable(raw[key]);
  if ('partyOrganization' in raw) out.parties = parties(raw);
  return { slug: raw.slug, patch: out };
}

export function moveStageForm(raw: Raw) {
  return {
    slug: raw.slug,
    move: { version: version(raw.version), to: raw.to, reason: nullable(raw.reason), signedOn: nullable(raw.signedOn), movedOn: nullable(raw.movedOn) },
  };
}
