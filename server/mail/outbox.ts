import 'server-only';
import type { Prisma } from '@/generated/prisma/client';
import { enqueueJob } from '@/server/jobs/queue';
import { checkSecrets, sealSecrets, type MailSecret } from './secrets';

type Tx = Prisma.TransactionClient;

export const MAIL_JOB = 'mail.send';

export type MailAttachment = { fileName: string; contentType: string; bytes: Uint8Array };

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  attachments?: MailAttachment[];
  /** Parts sent but never kept (a one-time link): `text` and `html` carry each marker in its place (server/mail/secrets.ts). */
  secrets?: MailSecret[];
  userId?: string | null;
  subscriptionId?: string | null;
};

/**
 * Puts a mail in the outbox and queues its sending, in the caller's transaction: a mail exists if
 * and only if what caused it commits, and it is sent (or kept, without SMTP) by the mail job.
 */
export async function queueMail(tx: Tx, mail: Mail): Promise<string> {
  const secrets = mail.secrets ?? [];
  checkSecrets(mail, secrets);
  const row = await tx.outboxMail.create({
    data: {
      toAddress: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers ?? {},
      secrets: secrets.length ? sealSecrets(secrets) : null,
      userId: mail.userId ?? null, subscriptionId: mail.subscriptionId ?? null,
      attachments: { create: (mail.attachments ?? []).map((a) => ({ fileName: a.fileName, contentType: a.contentType, sizeBytes: a.bytes.byteLength, bytes: Buffer.from(a.bytes) })) },
    },
    select: { id: true },
  });
  await enqueueJob(MAIL_JOB, { mailId: row.id }, { dedupeKey: `mail:${row.id}`, maxAttempts: 6 }, tx);
  return row.id;
}
