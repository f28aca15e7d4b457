const stamp = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });

/** An instant, shown in UTC so everyone reading a shared screen sees the same time. */
export function formatInstant(iso: string): string {
  return `${stamp.format(new Date(iso))} UTC`;
}
