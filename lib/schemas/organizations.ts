import { z } from 'zod';
import { ORGANIZATION_KINDS } from '@/lib/domain';
import { countryName } from '@/lib/places';
import { reference, singleLine } from './text';

/**
 * Organizations (issue 12, item 5): one schema per input, shared by the forms (through
 * `organizationForm`) and the JSON API (/api/v1/organizations).
 */

// Invisible direction and zero-width characters: "Alipay" and "Alipay\u200f" would look like one
// name in every list while the unique index sees two (and U+202E turns text around on screen).
const INVISIBLE = /[\u200b\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\ufeff]/;

/** A name that must be unique and recognisable: one line, no invisible characters, NFC. */
export function visibleName(label: string, max: number) {
  return singleLine(label, max)
    .refine((v) => !INVISIBLE.test(v), `${label} cannot contain invisible direction marks or zero-width characters.`)
    .transform((v) => v.normalize('NFC'));
}

export const countryCode = z
  .string({ error: 'Use a two-letter country code, such as CN or US.' })
  .trim()
  .toUpperCase()
  .refine((v) => countryName(v) !== null, 'Use a two-letter ISO 3166-1 country code, such as CN or US.');

/** http(s) only: a javascript: or data: address in a link would run in the reader's browser. */
export function isWebAddress(value: string): boolean {
  if (/[\s\u0000-\u001f\u007f]/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.length > 0 && !url.username && !url.password;
  } catch {
    return false;
  }
}

export const website = z
  .string({ error: 'Use a web address starting with https://.' })
  .trim()
  .max(500, 'A web address has at most 500 characters.')
  .refine(isWebAddress, 'Use a web address starting with http:// or https://, like https://www.alipay.com.');

export const organizationKind = z.enum(ORGANIZATION_KINDS, { error: `Choose a kind: one of ${ORGANIZATION_KINDS.join(', ')}.` });
const name = visibleName('The name', 200);
const version = z.number({ error: 'Send the version you edited (an integer).' }).int().min(1).max(2_147_483_647);

export const createOrganizationSchema = z
  .object({
    name,
    kind: organizationKind.default('OTHER'),
    country: countryCode.nullable().optional(),
    website: website.nullable().optional(),
  })
  .strict();

export const updateOrganizationSchema = z
  .object({
    version,
    name: name.optional(),
    kind: organizationKind.optional(),
    country: countryCode.nullable().optional(),
    website: website.nullable().optional(),
  })
  .strict();

export const organizationId = reference('organization');
export const deleteOrganizationSchema = z.object({ id: organizationId, version }).strict();

export type CreateOrganizationInput = z.infer<typeof createOrganizationSchema>;
export type UpdateOrganizationInput = z.infer<typeof updateOrganizationSchema>;
export type DeleteOrganizationInput = z.infer<typeof deleteOrganizationSchema>;

type Raw = Record<string, unknown>;
const nullable = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const optional = (v: unknown) => (v === '' ? undefined : v);
export const formVersion = (v: unknown) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v);

/** A form's strings in the API's shape (blank country or website: none). Only known fields pass. */
export function organizationForm(raw: Raw, mode: 'create' | 'update' | 'delete'): Raw {
  if (mode === 'delete') return { id: raw.id, version: formVersion(raw.version) };
  const fields: Raw = { name: raw.name, kind: optional(raw.kind), country: nullable(raw.country), website: nullable(raw.website) };
  if (mode === 'create') return fields;
  return { id: raw.id, patch: { version: formVersion(raw.version), ...fields } };
}
