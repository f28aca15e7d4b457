/**
 * Countries and time zones as the JavaScript runtime knows them (ICU), so the server and the
 * browser agree without a hand-kept list.
 */

// ISO 3166-1 alpha-2 codes the runtime can name. `fallback: 'none'` answers undefined for codes
// nobody assigned; "ZZ" (unknown) is named "Unknown Region", so it is refused by name too.
let regionNames: Intl.DisplayNames | null = null;

/** "HK" -> "Hong Kong SAR China"; null for a code that is not a country or territory. */
export function countryName(code: string): string | null {
  if (!/^[A-Z]{2}$/.test(code)) return null;
  regionNames ??= new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const name = regionNames.of(code);
  return name && name !== 'Unknown Region' ? name : null;
}

let zones: ReadonlySet<string> | null = null;

/**
 * The IANA zones of `Intl.supportedValuesOf('timeZone')`, plus UTC (which V8 leaves out of that
 * list although it accepts it).
 */
export function supportedTimeZones(): ReadonlySet<string> {
  zones ??= new Set([...Intl.supportedValuesOf('timeZone'), 'UTC']);
  return zones;
}

/**
 * A zone in the runtime's list, or a name the runtime resolves to one: Node 20's ICU lists
 * "Asia/Calcutta" and resolves "Asia/Kolkata" to it, and nobody in India should be refused.
 */
export function isSupportedTimeZone(timeZone: string): boolean {
  if (timeZone.length > 64 || !/^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(timeZone)) return false;
  if (supportedTimeZones().has(timeZone)) return true;
  try {
    return supportedTimeZones().has(new Intl.DateTimeFormat('en-US', { timeZone }).resolvedOptions().timeZone);
  } catch {
    return false;
  }
}
