/** The person and data e2e/support/prepare-postgres.ts creates for the outage test. */
export const OUTAGE = {
  email: 'olive.outage@example.test',
  password: 'outage drill password',
  slug: 'outage-drill-standby-bank',
  milestone: 'Failover rehearsal',
} as const;
