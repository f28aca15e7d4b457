/**
 * Exact decimal arithmetic for metric values (NUMERIC(20,4) in the database). Values travel as
 * strings; sums use integers scaled by 10^4 so a cumulative total never drifts by a float rounding.
 */
const SCALE = 4;
const FACTOR = 10n ** BigInt(SCALE);
const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export function toScaled(value: string): bigint {
  const m = DECIMAL.exec(value.trim());
  if (!m) throw new RangeError(`Not a decimal number: ${value}`);
  const fraction = (m[3] ?? '').padEnd(SCALE, '0');
  if (fraction.length > SCALE) throw new RangeError(`More than ${SCALE} decimal places: ${value}`);
  const scaled = BigInt(m[2]!) * FACTOR + BigInt(fraction);
  return m[1] ? -scaled : scaled;
}

export function fromScaled(scaled: bigint): string {
  const negative = scaled < 0n;
  const abs = negative ? -scaled : scaled;
  const whole = abs / FACTOR;
  const fraction = (abs % FACTOR).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** The largest magnitude NUMERIC(20,4) holds: 16 integer digits. */
export const MAX_VALUE_SCALED = 10n ** 20n - 1n;
