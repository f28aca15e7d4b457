import { z } from 'zod';
import { countryName, isSupportedTimeZone } from '@/lib/places';
import { isoDay } from './text';
import { formVersion, visibleName } from './organizations';

/**
 * The region catalogue (administrators) and the regions of a partnership (issue 12, item 6).
 * A region is an ISO 3166-1 code with its IANA time zone: metric days are that zone's calendar days.
 */
export const regionCodeFormat = z
  .string({ error: 'Use the two-letter ISO code of the region, such as HK.' })
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use the two-letter ISO code of the region, such as HK.');

const code = regionCodeFormat.refine((v) => countryName(v) !== null, 'That is not an ISO 3166-1 code of a country or territory.');

export const timeZone = z
  .string({ error: 'Choose the time zone (an IANA name such as Asia/Hong_Kong).' })
  .trim()
  .refine(isSupportedTimeZone, 'Choose a time zone from the list: an IANA name such as Asia/Hong_Kong.');

const name = visibleName('The name', 100);
const version = z.number({ error: 'Send the version you edited (an integer).' }).int().min(1).max(2_147_483_647);

export const createRegionSchema = z.object({ code, name, timeZone }).strict();
export const updateRegionSchema = z.object({ version, code: code.optional(), name: name.optional(), timeZone: timeZone.optional() }).strict();

export const addPartnershipRegionSchema = z.object({ region: regionCodeFormat, plannedLaunchOn: isoDay.nullable().optional() }).strict();
export const removePartnershipRegionSchema = z.object({ region: regionCodeFormat, version: version.optional() }).strict();

export type CreateRegionInput = z.infer<typeof createRegionSchema>;
export type UpdateRegionInput = z.infer<typeof updateRegionSchema>;
export type AddPartnershipRegionInput = z.infer<typeof addPartnershipRegionSchema>;

type Raw = Record<string, unknown>;
const blank = (v: unknown) => (v === '' ? undefined : v);

export const regionForm = {
  create: (raw: Raw) => ({ code: raw.code, name: raw.name, timeZone: raw.timeZone }),
  update: (raw: Raw) => ({ id: raw.id, patch: { version: formVersion(raw.version), code: blank(raw.code), name: blank(raw.name), timeZone: blank(raw.timeZone) } }),
  add: (raw: Raw) => ({ slug: raw.slug, input: { region: raw.region, plannedLaunchOn: raw.plannedLaunchOn === '' ? null : raw.plannedLaunchOn } }),
  remove: (raw: Raw) => ({ slug: raw.slug, input: { region: raw.region, version: raw.version === undefined ? undefined : formVersion(raw.version) } }),
};
