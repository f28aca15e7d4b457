import 'server-only';
import { sweepApiRateLimits } from '@/server/api/rate-limit';
import { maintainDatabase } from '@/server/db/maintenance';
import { notifyDueDates } from '@/server/notifications/due';
import { fanoutAuditEvent } from '@/server/notifications/fanout';
import { FANOUT_JOB } from '@/server/notifications/queue';
import { MAIL_JOB } from '@/server/mail/outbox';
import { sendOutboxMail } from '@/server/mail/send';
import { queueDueSubscriptions, runSubscription, SEND_JOB } from '@/server/subscriptions/run';
import { sendDueDeliveries, sweepDeliveries } from '@/server/webhooks/deliver';
import { WEBHOOK_SEND_JOB } from '@/server/webhooks/fanout';
import { everyMinutes } from './schedule';
import type { JobRegistry } from './types';

const DAY = 24 * 60;

/**
 * Every kind of job Accord runs. A job names its kind; a kind not listed here (a job queued by a
 * newer version, say) is dead-lettered with a message rather than lost silently.
 */
export const JOBS: JobRegistry = {
  /** Sign-in sessions past their absolute expiry: removed hourly (they are refused anyway). */
  'sessions.sweep': {
    label: 'Remove expired sign-in sessions',
    every: everyMinutes(60),
    async run(_payload, { db, now }) {
      await db.session.deleteMany({ where: { expiresAt: { lt: now } } });
    },
  },
  /**
   * API rate-limit counters (issue 18) idle for an hour: removed hourly. A key's row is reused
   * when its next window starts, so this only clears tokens and users that stopped calling.
   */
  'api-rate-limits.sweep': {
    label: 'Remove idle API rate-limit counters',
    every: everyMinutes(60),
    async run(_payload, { db, now }) {
      await sweepApiRateLimits(db, now);
    },
  },
  /** One change, told to the people who own, watch or are mentioned by it (queued by recordAudit). */
  [FANOUT_JOB]: {
    label: 'Tell owners, watchers and mentioned people of a change',
    async run(payload, { db }) {
      const eventId = (payload as { eventId?: unknown } | null)?.eventId;
      if (typeof eventId !== 'string' || !/^\d{1,19}$/.test(eventId)) throw new Error(`The job names no audit event (payload ${JSON.stringify(payload)}).`);
      await fanoutAuditEvent(db, BigInt(eventId));
    },
  },
  /** Evidence about to expire and milestones gone overdue: told once per date, checked every 15 minutes. */
  'notifications.due': {
    label: 'Tell people of expiring evidence and overdue milestones',
    every: everyMinutes(15),
    async run(_payload, { db, now }) {
      await notifyDueDates(db, now);
    },
  },
  /** Digests and scheduled exports whose time has come: one send each, however late (issue 16). */
  'subscriptions.due': {
    label: 'Queue the digests and scheduled exports that are due',
    every: everyMinutes(1),
    async run(_payload, { db, now }) {
      await queueDueSubscriptions(db, now);
    },
  },
  /** One subscription's mail, written into the outbox. */
  [SEND_JOB]: {
    label: 'Write a digest or a scheduled export into the outbox',
    maxAttempts: 3,
    async run(payload, { db, now }) {
      const p = (payload ?? {}) as { subscriptionId?: unknown; manual?: unknown };
      if (typeof p.subscriptionId !== 'string') throw new Error(`The job names no subscription (payload ${JSON.stringify(payload)}).`);
      await runSubscription(db, p.subscriptionId, now, { manual: p.manual === true });
    },
  },
  /** One outbox mail, sent over SMTP (or kept in the outbox when none is configured). */
  [MAIL_JOB]: {
    label: 'Send a mail',
    maxAttempts: 6,
    async run(payload, { db, attempt, maxAttempts }) {
      const mailId = (payload as { mailId?: unknown } | null)?.mailId;
      if (typeof mailId !== 'string') throw new Error(`The job names no mail (payload ${JSON.stringify(payload)}).`);
      await sendOutboxMail(db, mailId, attempt, maxAttempts);
    },
  },
  /**
   * Webhook deliveries that are due: signed, sent, retried for a day (docs/decisions/016-webhooks.md).
   * Queued by the change's transaction and, for each retry, by the run before; every 15 minutes as
   * a safety net (a runner stopped mid-send, a database outage).
   */
  [WEBHOOK_SEND_JOB]: {
    label: 'Send the webhook deliveries that are due',
    every: everyMinutes(15),
    async run(_payload, { db, now }) {
      await sendDueDeliveries(db, now);
    },
  },
  /** The webhook delivery log is kept 30 days. */
  'webhooks.sweep': {
    label: 'Remove webhook deliveries older than 30 days',
    every: everyMinutes(DAY),
    async run(_payload, { db, now }) {
      await sweepDeliveries(db, now);
    },
  },
  /**
   * Vacuum and fresh statistics for the tables that changed, where no autovacuum runs (the embedded
   * database never has one): autovacuum's own rule, every 5 minutes (docs/decisions/028-database-maintenance.md).
   */
  'database.vacuum': {
    label: 'Tidy the database: clear out replaced rows and refresh its statistics (vacuum)',
    every: everyMinutes(5),
    async run(_payload, { db }) {
      const result = await maintainDatabase(db);
      if (!result.ran) return;
      const slow = result.tables.filter((t) => t.ms >= 1_000);
      if (slow.length) console.log(`[accord jobs] database.vacuum: ${slow.map((t) => `${t.table} ${t.ms} ms`).join(', ')}`);
    },
  },
  /** Finished jobs are kept 14 days for the record, then removed; dead ones stay until handled. */
  'jobs.sweep': {
    label: 'Remove finished jobs older than 14 days',
    every: everyMinutes(DAY),
    async run(_payload, { db, now }) {
      await db.job.deleteMany({ where: { state: 'DONE', finishedAt: { lt: new Date(now.getTime() - 14 * DAY * 60_000) } } });
    },
  },
};
