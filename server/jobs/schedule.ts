// When recurring jobs are due. Times are instants (UTC); a schedule in a person's own time zone
// (the digests) is computed by its own job from the person's zone.

/** Every `minutes`, on the multiples of that interval since the Unix epoch (so every hour is on the hour). */
export function everyMinutes(minutes: number): (after: Date) => Date {
  const step = minutes * 60_000;
  return (after) => new Date((Math.floor(after.getTime() / step) + 1) * step);
}

/** The default wait before the next attempt: 10 s, doubling per attempt, at most an hour, ±20%. */
export function defaultBackoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(10_000 * 2 ** Math.max(0, attempt - 1), 3_600_000);
  return Math.round(base * (0.8 + 0.4 * random()));
}
