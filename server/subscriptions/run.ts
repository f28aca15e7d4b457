import 'server-only';
import { metricAudience } from '@/server/access/metrics';
import { userActor } from '@/server/auth/actor';
import { authorize } from '@/server/auth/guard';
import type { Db } from '@/server/db';
import { enqueueJob } from '@/server/jobs/queue';
import { absoluteUrl } from '@/server/mail/config';
import { queueMail, type MailAttachment } from '@/server/mail/outbox';
import { viewHref } from '@/lib/schemas/views';
import { nextOccurrence, type MailSchedule } from '@/lib/subscription-schedule';
import { digestMail, readDigest } from './digest';
import { exportSavedView } from './export';
import { esc, mailPage } from './mail-layout';
import { unsubscribeUrl } from './unsubscribe';

export const SEND_JOB = 'subscriptions.send';
const MANAGE_PATH = '/settings/mail';

/**
 * Every due subscription gets ONE send job, however long the app was down (the same catch-up rule
 * as recurring jobs, decision 008): its next time moves past now in the same transaction, guarded
 * by the time it had, so two runners never queue it twice.
 */
export async function queueDueSubscriptions(db: Db, now: Date): Promise<number> {
  const due = await db.subscription.findMany({ where: { unsubscribedAt: null, nextRunAt: { lte: now } }, orderBy: { nextRunAt: 'asc' }, take: 500 });
  let queued = 0;
  for (const s of due) {
    const next = nextOccurrence(s as MailSchedule, now);
    await db.$transaction(async (tx) => {
      const moved = await tx.subscription.updateMany({ where: { id: s.id, nextRunAt: s.nextRunAt }, data: { nextRunAt: next } });
      if (moved.count !== 1) return;
      if (await enqueueJob(SEND_JOB, { subscriptionId: s.id }, { dedupeKey: `subscription:${s.id}:${s.nextRunAt.toISOString()}` }, tx)) queued += 1;
    });
  }
  return queued;
}

/**
 * Writes one subscription's mail into the outbox (the mail job sends it): a digest, or a saved
 * view's export (attached under 10 MB, else a link that needs sign-in). It runs as its owner, with
 * the owner's permissions as they are now. `manual`: "Send now" from the mail page, which does not
 * move the digest's starting point.
 */
export async function runSubscription(db: Db, subscriptionId: string, now: Date, { manual = false } = {}): Promise<'queued' | 'skipped'> {
  const sub = await db.subscription.findUnique({ where: { id: subscriptionId }, include: { user: true, savedView: true } });
  if (!sub || sub.unsubscribedAt || sub.user.deactivatedAt) return 'skipped';
  const actor = userActor(sub.user);
  const links = { manageUrl: absoluteUrl(MANAGE_PATH), unsubscribeUrl: unsubscribeUrl(sub.id) };
  const headers = { 'List-Unsubscribe': `<${links.unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
  let mail: { subject: string; text: string; html: string; attachments?: MailAttachment[] };
  if (sub.kind === 'DIGEST') {
    authorize(actor, 'partnerships.read');
    const { since, deals } = await readDigest(db, sub, now, metricAudience(actor));
    mail = digestMail({ to: sub.user.email, name: sub.user.name, since, deals, cadence: sub.cadence, ...links });
  } else {
    authorize(actor, 'metrics.export');
    if (!sub.savedView) return stopWithoutView(db, sub, links, headers);
    const file = await exportSavedView(actor, sub.savedView.query, sub.format === 'xlsx' ? 'xlsx' : 'csv');
    const subject = `Export: ${sub.savedView.name}`;
    const link = absoluteUrl(file.href);
    const line = file.kind === 'file'
      ? `The export of your saved view “${sub.savedView.name}” is attached (${file.fileName}).`
      : `The export of your saved view “${sub.savedView.name}” is larger than 10 MB, so it is not attached: download it (sign in first) from ${link}`;
    mail = {
      subject,
      text: `${line}\n\nOpen the view: ${absoluteUrl(viewPath(sub.savedView.query))}\n\n--\nChange or stop this mail: ${links.manageUrl}\nUnsubscribe in one click: ${links.unsubscribeUrl}`,
      html: mailPage(subject, `<p>${esc(line).replace(esc(link), `<a href="${esc(link)}">${esc(link)}</a>`)}</p><p><a href="${esc(absoluteUrl(viewPath(sub.savedView.query)))}">Open the view in Accord</a></p>`, links),
      attachments: file.kind === 'file' ? [{ fileName: file.fileName, contentType: file.contentType, bytes: file.bytes }] : [],
    };
  }
  await db.$transaction(async (tx) => {
    await queueMail(tx, { ...mail, to: sub.user.email, headers, userId: sub.userId, subscriptionId: sub.id });
    if (!manual) await tx.subscription.update({ where: { id: sub.id }, data: { lastSentAt: now } });
  });
  return 'queued';
}

const viewPath = (query: string) => viewHref('metrics', query);

/** The saved view was deleted (by its owner or an administrator): say so once, and stop. */
async function stopWithoutView(db: Db, sub: { id: string; userId: string; user: { email: string } }, links: { manageUrl: string; unsubscribeUrl: string }, headers: Record<string, string>): Promise<'queued'> {
  const subject = 'Your scheduled export stopped';
  const line = 'The saved explorer view this export was made from has been deleted, so the export has stopped. Save the view again and subscribe to it on your mail page to get it back.';
  await db.$transaction(async (tx) => {
    await queueMail(tx, {
      to: sub.user.email, subject, text: `${line}\n\n${links.manageUrl}`, html: mailPage(subject, `<p>${esc(line)}</p>`, links), headers, userId: sub.userId, subscriptionId: sub.id,
    });
    await tx.subscription.update({ where: { id: sub.id }, data: { unsubscribedAt: new Date(), version: { increment: 1 } } });
  });
  return 'queued';
}
