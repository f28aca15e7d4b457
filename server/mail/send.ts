import 'server-only';
import nodemailer from 'nodemailer';
import type { Db } from '@/server/db';
import { mailConfig } from './config';

/**
 * Sends one outbox mail over SMTP with nodemailer, or keeps it (state KEPT) when no SMTP server is
 * configured. Throws on a refusal so the job is retried with backoff; on the last attempt the mail
 * is marked FAILED with the server's answer. A mail already SENT or KEPT is left alone (a retried
 * job sends nothing twice, unless the process died between the server's answer and this write:
 * mail is at least once, never lost).
 */
export async function sendOutboxMail(db: Db, mailId: string, attempt: number, maxAttempts: number): Promise<'SENT' | 'KEPT' | 'SKIPPED'> {
  const mail = await db.outboxMail.findUnique({ where: { id: mailId }, include: { attachments: true } });
  if (!mail || mail.state !== 'QUEUED') return 'SKIPPED';
  const { smtpUrl, from } = mailConfig();
  if (!smtpUrl) {
    await db.outboxMail.update({ where: { id: mailId }, data: { state: 'KEPT', attempts: attempt } });
    return 'KEPT';
  }
  try {
    const transport = nodemailer.createTransport(withTimeouts(smtpUrl));
    const info = await transport.sendMail({
      from, to: mail.toAddress, subject: mail.subject, text: mail.text, html: mail.html,
      headers: (mail.headers ?? {}) as Record<string, string>,
      attachments: mail.attachments.map((a) => ({ filename: a.fileName, contentType: a.contentType, content: Buffer.from(a.bytes) })),
    });
    transport.close();
    await db.outboxMail.update({ where: { id: mailId }, data: { state: 'SENT', attempts: attempt, sentAt: new Date(), messageId: info.messageId ?? null, error: null } });
    return 'SENT';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const last = attempt >= maxAttempts;
    await db.outboxMail.update({ where: { id: mailId }, data: { attempts: attempt, error: message.slice(0, 2_000), ...(last ? { state: 'FAILED' } : {}) } });
    throw new Error(`The SMTP server did not take the mail: ${message}`);
  }
}

/** A server that does not answer must not hold the job for nodemailer's default minutes. */
function withTimeouts(url: string): string {
  const u = new URL(url);
  for (const [key, value] of [['connectionTimeout', '10000'], ['greetingTimeout', '10000'], ['socketTimeout', '30000']] as const) {
    if (!u.searchParams.has(key)) u.searchParams.set(key, value);
  }
  return u.toString();
}
