import 'server-only';
import nodemailer from 'nodemailer';
import type { Db } from '@/server/db';
import { mailConfig } from './config';
import { revealSecrets, unsealSecrets } from './secrets';

/**
 * Sends one outbox mail over SMTP with nodemailer, or keeps it (state KEPT) when no SMTP server is
 * configured. Throws on a refusal so the job is retried with backoff; on the last attempt the mail
 * is marked FAILED with the server's answer. A mail already SENT or KEPT is left alone (a retried
 * job sends nothing twice, unless the process died between the server's answer and this write:
 * mail is at least once, never lost). A FAILED mail is sent again when an administrator retries
 * its job (/admin/jobs). A mail's secret parts (an invitation's link) are revealed only here, in
 * memory, and erased from the row when it is SENT or KEPT; they stay sealed while it may still be
 * sent (QUEUED, FAILED) so that a retry carries them (server/mail/secrets.ts).
 */
export async function sendOutboxMail(db: Db, mailId: string, attempt: number, maxAttempts: number): Promise<'SENT' | 'KEPT' | 'FAILED' | 'SKIPPED'> {
  const mail = await db.outboxMail.findUnique({ where: { id: mailId }, include: { attachments: true } });
  if (!mail || (mail.state !== 'QUEUED' && mail.state !== 'FAILED')) return 'SKIPPED';
  const { smtpUrl, from } = mailConfig();
  if (!smtpUrl) {
    // Kept, never sent: its secret is erased (an invitation's link was shown once to the inviter).
    await db.outboxMail.update({ where: { id: mailId }, data: { state: 'KEPT', attempts: attempt, secrets: null } });
    return 'KEPT';
  }
  const secrets = mail.secrets ? unsealSecrets(mail.secrets) : [];
  if (!secrets) {
    // Sealed under another app secret (ACCORD_AUTH_SECRET changed): no attempt can send it whole, and
    // it is never sent without its secret (the sealed word stays, so a retry refuses it again).
    await db.outboxMail.update({ where: { id: mailId }, data: { state: 'FAILED', attempts: attempt, error: UNSEALABLE } });
    return 'FAILED';
  }
  const { text, html } = revealSecrets(mail, secrets);
  try {
    const transport = nodemailer.createTransport(withTimeouts(smtpUrl));
    const info = await transport.sendMail({
      from, to: mail.toAddress, subject: mail.subject, text, html,
      headers: (mail.headers ?? {}) as Record<string, string>,
      attachments: mail.attachments.map((a) => ({ filename: a.fileName, contentType: a.contentType, content: Buffer.from(a.bytes) })),
    });
    transport.close();
    await db.outboxMail.update({ where: { id: mailId }, data: { state: 'SENT', attempts: attempt, sentAt: new Date(), messageId: info.messageId ?? null, error: null, secrets: null } });
    return 'SENT';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const last = attempt >= maxAttempts;
    await db.outboxMail.update({ where: { id: mailId }, data: { attempts: attempt, error: message.slice(0, 2_000), state: last ? 'FAILED' : 'QUEUED' } });
    throw new Error(`The SMTP server did not take the mail: ${message}`);
  }
}

const UNSEALABLE = 'Not sent: this mail carries a one-time link sealed under an earlier app secret (ACCORD_AUTH_SECRET changed since it was written), so it cannot be sent whole. Send a new invitation.';

/** A server that does not answer must not hold the job for nodemailer's default minutes. */
function withTimeouts(url: string): string {
  const u = new URL(url);
  for (const [key, value] of [['connectionTimeout', '10000'], ['greetingTimeout', '10000'], ['socketTimeout', '30000']] as const) {
    if (!u.searchParams.has(key)) u.searchParams.set(key, value);
  }
  return u.toString();
}
