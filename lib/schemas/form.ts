/**
 * HTML forms send strings; the update schemas (shared with the JSON API) expect numbers and
 * nulls. This turns a form's fields into that shape: version -> number, '' date -> null,
 * untouched fields (absent) stay absent.
 */
export function formToPatch(raw: Record<string, unknown>, fields: { dates?: string[]; nullableText?: string[]; text?: string[]; checkboxes?: string[] }) {
  const out: Record<string, unknown> = {};
  // Only a form's string is converted; anything else goes to the schema as it is (and is refused).
  const version = typeof raw.version === 'string' && raw.version.trim() !== '' ? Number(raw.version) : Number.NaN;
  out.version = Number.isFinite(version) ? version : raw.version;
  if (typeof raw.status === 'string' && raw.status) out.status = raw.status;
  for (const f of fields.dates ?? []) if (f in raw) out[f] = raw[f] === '' ? null : raw[f];
  for (const f of fields.nullableText ?? []) if (f in raw) out[f] = raw[f] === '' ? null : raw[f];
  for (const f of fields.text ?? []) if (f in raw) out[f] = raw[f];
  // An unticked checkbox sends nothing: a form that shows one says so with `<name>Present`.
  for (const f of fields.checkboxes ?? []) if (`${f}Present` in raw) out[f] = raw[f] === 'on' || raw[f] === 'true';
  return out;
}
